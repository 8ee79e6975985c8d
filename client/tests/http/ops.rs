//! Operations written the way the generator writes them.

use callgen_client::{Collection, Error, Operation, RawResponse, json_body, path, response};
use http::Method;
use serde::Deserialize;
use serde_json::{Value, json};

/// `POST /communications/calls/{call-id}/mute`, 200 with a `muteParticipantOperation`.
pub struct MuteCall {
    pub call_id: String,
    pub client_context: String,
}

impl Operation for MuteCall {
    type Output = Value;
    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Result<String, Error> {
        Ok(format!(
            "/communications/calls/{}/mute",
            path::segment("call-id", &self.call_id)?
        ))
    }

    fn body(&self) -> Result<Option<Vec<u8>>, Error> {
        json_body(&json!({ "clientContext": self.client_context }))
    }

    fn parse_response(&self, answer: RawResponse<'_>) -> Result<Value, Error> {
        response::json(answer)
    }
}

/// `POST /communications/calls/{call-id}/answer`, 202 without a body.
pub struct AnswerCall {
    pub call_id: String,
    pub body: Value,
}

impl Operation for AnswerCall {
    type Output = ();
    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Result<String, Error> {
        Ok(format!(
            "/communications/calls/{}/answer",
            path::segment("call-id", &self.call_id)?
        ))
    }

    fn body(&self) -> Result<Option<Vec<u8>>, Error> {
        json_body(&self.body)
    }

    fn parse_response(&self, answer: RawResponse<'_>) -> Result<(), Error> {
        response::no_content(answer)
    }
}

/// `DELETE /communications/calls/{call-id}`, 204.
pub struct DeleteCall {
    pub call_id: String,
}

impl Operation for DeleteCall {
    type Output = ();
    fn method(&self) -> Method {
        Method::DELETE
    }

    fn path(&self) -> Result<String, Error> {
        Ok(format!(
            "/communications/calls/{}",
            path::segment("call-id", &self.call_id)?
        ))
    }

    fn parse_response(&self, answer: RawResponse<'_>) -> Result<(), Error> {
        response::no_content(answer)
    }
}

/// A participant, typed just enough to fail on a wrong `id`.
#[derive(Debug, Deserialize, PartialEq)]
pub struct Participant {
    pub id: String,
    #[serde(rename = "isMuted")]
    pub is_muted: Option<bool>,
}

/// `GET /communications/calls/{call-id}/participants`, 200 with a collection.
pub struct ListParticipants {
    pub call_id: String,
}

impl Operation for ListParticipants {
    type Output = Collection<Participant>;
    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Result<String, Error> {
        Ok(format!(
            "/communications/calls/{}/participants",
            path::segment("call-id", &self.call_id)?
        ))
    }

    fn parse_response(&self, answer: RawResponse<'_>) -> Result<Self::Output, Error> {
        response::collection(answer)
    }
}

pub const CALL_ID: &str = "57dab8b1-894c-409a-b240-bd8beae78896";
pub const CONTEXT: &str = "d45324c1-fcb5-430a-902c-f20af696537c";

pub fn mute() -> MuteCall {
    MuteCall {
        call_id: CALL_ID.to_owned(),
        client_context: CONTEXT.to_owned(),
    }
}

/// The documented answer to `call: mute`.
pub fn mute_operation() -> Value {
    json!({
        "@odata.type": "#microsoft.graph.muteParticipantOperation",
        "id": "17e3b46c-f61d-4f4d-9635-c626ef18e6ad",
        "status": "completed",
        "clientContext": CONTEXT,
    })
}
