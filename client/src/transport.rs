//! One attempt: send a built request with reqwest and read the whole answer.
//!
//! Turns an `http::Request` into a reqwest request, adds the `Authorization`
//! header, and maps what can go wrong before an answer is complete into
//! [`Error::Transport`] or [`Error::Timeout`]. It knows nothing of retries or
//! of what the answer means.

use std::time::Duration;

use http::header::AUTHORIZATION;
use http::{HeaderMap, HeaderValue, StatusCode};

use crate::error::Error;
use crate::response::RawResponse;

/// A complete answer, owned.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl Answer {
    pub(crate) fn raw(&self) -> RawResponse<'_> {
        RawResponse::new(self.status, &self.headers, &self.body)
    }
}

/// Sends `request` once and reads the full answer within `timeout`.
pub(crate) async fn exchange(
    http: &reqwest::Client,
    request: &http::Request<Vec<u8>>,
    authorization: HeaderValue,
    timeout: Duration,
) -> Result<Answer, Error> {
    let method = request.method().clone();
    let url = request.uri().to_string();
    let outgoing = to_reqwest(request, authorization)?;
    let attempt = async {
        let response = http.execute(outgoing).await?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await?.to_vec();
        Ok::<_, reqwest::Error>(Answer {
            status,
            headers,
            body,
        })
    };
    match tokio::time::timeout(timeout, attempt).await {
        Err(_elapsed) => Err(Error::Timeout {
            method,
            url,
            timeout,
        }),
        Ok(Err(error)) if error.is_timeout() => Err(Error::Timeout {
            method,
            url,
            timeout,
        }),
        Ok(Err(error)) => Err(Error::transport(method, url, error)),
        Ok(Ok(answer)) => Ok(answer),
    }
}

fn to_reqwest(
    request: &http::Request<Vec<u8>>,
    authorization: HeaderValue,
) -> Result<reqwest::Request, Error> {
    let url = reqwest::Url::parse(&request.uri().to_string()).map_err(|error| {
        Error::InvalidRequest(format!("`{}` is not a URL: {error}", request.uri()))
    })?;
    let mut outgoing = reqwest::Request::new(request.method().clone(), url);
    *outgoing.headers_mut() = request.headers().clone();
    outgoing.headers_mut().insert(AUTHORIZATION, authorization);
    *outgoing.body_mut() = Some(request.body().clone().into());
    Ok(outgoing)
}
