//! What the client sends, and what it returns for each success shape.

use callgen_client::{Error, RequestOptions};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::ops::{self, AnswerCall, CALL_ID, DeleteCall, ListParticipants, Participant};
use crate::support::{RecordingSleeper, TOKEN, client};

fn client_request_id(request: &Request) -> uuid::Uuid {
    let text = request.headers["client-request-id"].to_str().unwrap();
    uuid::Uuid::parse_str(text).unwrap()
}

#[tokio::test]
async fn mute_posts_the_body_and_returns_the_operation() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/communications/calls/{CALL_ID}/mute")))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("content-type", "application/json"))
        .and(header("accept", "application/json"))
        .and(body_json(json!({"clientContext": ops::CONTEXT})))
        .respond_with(ResponseTemplate::new(200).set_body_json(ops::mute_operation()))
        .expect(1)
        .mount(&server)
        .await;

    let client = client(&server, &RecordingSleeper::default());
    let operation = tokio::spawn(async move { client.send(&ops::mute()).await })
        .await
        .unwrap()
        .unwrap();

    assert_eq!(operation, ops::mute_operation());
    let received = server.received_requests().await.unwrap();
    let id = client_request_id(&received[0]);
    assert_eq!(id.get_version_num(), 4);
}

#[tokio::test]
async fn answer_accepts_a_202_without_body() {
    let server = MockServer::start().await;
    let body = json!({
        "callbackUri": "https://bot.contoso.com/api/calls",
        "acceptedModalities": ["audio"],
        "mediaConfig": {
            "@odata.type": "#microsoft.graph.appHostedMediaConfig",
            "blob": "<Media Session Configuration Blob>"
        }
    });
    Mock::given(method("POST"))
        .and(path(format!("/communications/calls/{CALL_ID}/answer")))
        .and(body_json(&body))
        .respond_with(ResponseTemplate::new(202))
        .expect(1)
        .mount(&server)
        .await;

    let answer = AnswerCall {
        call_id: CALL_ID.to_owned(),
        body,
    };
    let result: () = client(&server, &RecordingSleeper::default())
        .send(&answer)
        .await
        .unwrap();
    assert_eq!(result, ());
}

#[tokio::test]
async fn delete_sends_no_body_and_accepts_204() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(format!("/communications/calls/{CALL_ID}")))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let delete = DeleteCall {
        call_id: CALL_ID.to_owned(),
    };
    client(&server, &RecordingSleeper::default())
        .send(&delete)
        .await
        .unwrap();

    let received = server.received_requests().await.unwrap();
    assert!(received[0].body.is_empty());
    assert!(received[0].headers.get("content-type").is_none());
    assert_eq!(
        received[0].headers["authorization"],
        format!("Bearer {TOKEN}").as_str()
    );
}

#[tokio::test]
async fn list_returns_typed_items_and_keeps_the_next_link() {
    let server = MockServer::start().await;
    let page = json!({
        "@odata.context": "https://graph.microsoft.com/beta/$metadata#communications/calls('57dab8b1')/participants",
        "@odata.nextLink": "https://graph.microsoft.com/beta/communications/calls/57dab8b1/participants?$skiptoken=2",
        "value": [
            {"id": "p-1", "isMuted": true, "info": {"identity": {}}},
            {"id": "p-2"}
        ]
    });
    Mock::given(method("GET"))
        .and(path(format!(
            "/communications/calls/{CALL_ID}/participants"
        )))
        .respond_with(ResponseTemplate::new(200).set_body_json(&page))
        .mount(&server)
        .await;

    let list = ListParticipants {
        call_id: CALL_ID.to_owned(),
    };
    let participants = client(&server, &RecordingSleeper::default())
        .send(&list)
        .await
        .unwrap();

    assert_eq!(
        participants.value,
        vec![
            Participant {
                id: "p-1".into(),
                is_muted: Some(true)
            },
            Participant {
                id: "p-2".into(),
                is_muted: None
            },
        ]
    );
    assert_eq!(
        participants.next_link.as_deref(),
        page["@odata.nextLink"].as_str()
    );
    assert_eq!(participants.extra["@odata.context"], page["@odata.context"]);
}

#[tokio::test]
async fn awkward_ids_never_change_the_route() {
    let server = MockServer::start().await;
    let cases = [
        ("a/b", "a%2Fb"),
        ("a?b=c", "a%3Fb%3Dc"),
        ("a#b", "a%23b"),
        ("100%", "100%25"),
        ("a b", "a%20b"),
        ("../admin", "..%2Fadmin"),
        ("...", "..."),
    ];
    for (id, encoded) in cases {
        Mock::given(method("POST"))
            .and(path(format!("/communications/calls/{encoded}/mute")))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": id})))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client(&server, &RecordingSleeper::default());
    for (id, encoded) in cases {
        let mute = ops::MuteCall {
            call_id: id.to_owned(),
            client_context: "c".to_owned(),
        };
        let echoed: Value = client.send(&mute).await.unwrap();
        assert_eq!(echoed["id"], id, "sent as {encoded}");
    }
    for id in ["", ".", ".."] {
        let mute = ops::MuteCall {
            call_id: id.to_owned(),
            client_context: "c".to_owned(),
        };
        let error = client.send(&mute).await.unwrap_err();
        assert!(matches!(error, Error::InvalidRequest(_)), "{error}");
    }
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), cases.len());
}

#[tokio::test]
async fn each_call_gets_its_own_client_request_id() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(&server, &RecordingSleeper::default());
    let delete = DeleteCall {
        call_id: CALL_ID.to_owned(),
    };
    client.send(&delete).await.unwrap();
    client.send(&delete).await.unwrap();
    let chosen = RequestOptions::default().client_request_id("my-correlation-id");
    client.send_with(&delete, &chosen).await.unwrap();

    let received = server.received_requests().await.unwrap();
    let first = client_request_id(&received[0]);
    let second = client_request_id(&received[1]);
    assert_ne!(first, second);
    assert_eq!(second.get_version_num(), 4);
    assert_eq!(
        received[2].headers["client-request-id"],
        "my-correlation-id"
    );
}

#[tokio::test]
async fn a_base_url_with_a_path_prefixes_every_route() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(format!("/beta/communications/calls/{CALL_ID}")))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = crate::support::builder(&server, &RecordingSleeper::default())
        .base_url(format!("{}/beta/", server.uri()))
        .build()
        .unwrap();
    assert_eq!(client.base_url().as_str(), format!("{}/beta", server.uri()));
    let delete = DeleteCall {
        call_id: CALL_ID.to_owned(),
    };
    client.send(&delete).await.unwrap();
}
