//! JSON batching: `POST /v1.0/$batch` with up to 20 requests, each answered as if sent alone
//! (with the batch's `Authorization`), in one response. `dependsOn` orders requests; one whose
//! dependency failed answers 424. A malformed batch is a 400 for the whole.

use std::collections::HashMap;

use axum::body::{to_bytes, Bytes};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::error::{json_response, GraphError, GraphResult, RequestIds};
use super::exec::{self, run};
use crate::faults::Plan;
use crate::state::Shared;

/// Requests in one batch at most.
pub const MAX_REQUESTS: usize = 20;
/// The largest answer body kept for one request of a batch.
const MAX_BODY: usize = 16 << 20;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Batch {
    requests: Vec<Item>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    id: String,
    method: String,
    url: String,
    #[serde(default)]
    headers: HashMap<String, String>,
    #[serde(default)]
    body: Option<Value>,
    #[serde(default)]
    depends_on: Vec<String>,
}

fn invalid(message: &str) -> GraphError {
    GraphError::bad_request(message)
}

/// `POST /v1.0/$batch`
pub async fn batch(st: &Shared, outer: &HeaderMap, body: &Bytes) -> GraphResult {
    let batch: Batch =
        serde_json::from_slice(body).map_err(|_| invalid("Invalid batch payload format."))?;
    if batch.requests.is_empty() || batch.requests.len() > MAX_REQUESTS {
        return Err(invalid(
            "The number of batch requests must be between 1 and 20.",
        ));
    }
    let mut seen: HashMap<&str, bool> = HashMap::new();
    for r in &batch.requests {
        if seen.insert(r.id.as_str(), false).is_some() {
            return Err(invalid("Batch request ids must be unique."));
        }
    }
    let mut succeeded: HashMap<String, bool> = HashMap::new();
    let mut responses = vec![];
    for item in &batch.requests {
        if let Some(missing) = item.depends_on.iter().find(|d| !succeeded.contains_key(*d)) {
            return Err(invalid(&format!(
                "dependsOn '{missing}' names no earlier request of the batch."
            )));
        }
        let (status, headers, body) = if item.depends_on.iter().any(|d| !succeeded[d]) {
            (
                424,
                Map::new(),
                json!({"error": {"code": "FailedDependency", "message": "A request this one depends on failed."}}),
            )
        } else {
            one(st, outer, item).await
        };
        succeeded.insert(item.id.clone(), (200..300).contains(&status));
        responses.push(json!({"id": item.id, "status": status, "headers": headers, "body": body}));
    }
    Ok(json_response(
        StatusCode::OK,
        &json!({ "responses": responses }),
    ))
}

/// Answers one request of a batch as Graph would answer it alone.
async fn one(st: &Shared, outer: &HeaderMap, item: &Item) -> (u16, Map<String, Value>, Value) {
    let ids = RequestIds::new(&HeaderMap::new());
    // Relative to the version (`/me`); the Graph JavaScript client sends the version too
    // (`/v1.0/me`), which Graph accepts.
    let relative = item.url.trim_start_matches('/');
    let relative = relative.strip_prefix("v1.0/").unwrap_or(relative);
    let parsed = format!("/v1.0/{relative}").parse::<Uri>();
    let method = Method::from_bytes(item.method.to_ascii_uppercase().as_bytes());
    let (Ok(uri), Ok(method)) = (parsed, method) else {
        let r = invalid("Invalid request URL or method.").render(st.clock.now(), &ids);
        return answer(r).await;
    };
    let mut headers = HeaderMap::new();
    if let Some(auth) = outer.get(header::AUTHORIZATION) {
        headers.insert(header::AUTHORIZATION, auth.clone());
    }
    for (k, v) in &item.headers {
        if let (Ok(k), Ok(v)) = (
            HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_str(v),
        ) {
            headers.insert(k, v);
        }
    }
    let body = match &item.body {
        Some(Value::String(s)) => Bytes::from(s.clone()),
        Some(v) => Bytes::from(v.to_string()),
        None => Bytes::new(),
    };
    let path = relative.split('?').next().unwrap_or("").to_string();
    let result = if path == "$batch" {
        Err(invalid("A batch cannot hold a batch."))
    } else {
        match exec::verify(st, &headers) {
            Err(e) => Err(e),
            Ok(grant) => {
                let req = exec::Request {
                    grant,
                    method,
                    uri: &uri,
                    headers: &headers,
                    body,
                };
                Box::pin(run(st, req, &Plan::default())).await
            }
        }
    };
    let r = match result {
        Ok(r) => r,
        Err(e) => e.render(st.clock.now(), &ids),
    };
    answer(r).await
}

/// A header name as Graph spells it in a batch response (`Content-Type`, `Retry-After`,
/// `Location`, `ETag`, `OData-Version`): the JSON object is matched by exact name (the Graph
/// JavaScript client reads `headers["Content-Type"]`). `x-ms-…` names and the request ids stay
/// in lower case, as Graph sends them.
pub fn graph_spelling(name: &str) -> String {
    match name {
        "etag" => "ETag".into(),
        "odata-version" => "OData-Version".into(),
        "www-authenticate" => "WWW-Authenticate".into(),
        n if n.starts_with("x-") || n == "request-id" || n == "client-request-id" => n.into(),
        n => n
            .split('-')
            .map(|word| {
                let mut chars = word.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_ascii_uppercase().to_string() + chars.as_str()
                })
            })
            .collect::<Vec<_>>()
            .join("-"),
    }
}

/// A response as a batch reports it: status, headers, and the body as JSON (text otherwise).
async fn answer(r: Response) -> (u16, Map<String, Value>, Value) {
    let status = r.status().as_u16();
    let mut headers = Map::new();
    for (k, v) in r.headers() {
        if let Ok(v) = v.to_str() {
            headers.insert(graph_spelling(k.as_str()), Value::String(v.to_string()));
        }
    }
    let bytes = to_bytes(r.into_body(), MAX_BODY).await.unwrap_or_default();
    let body = match serde_json::from_slice::<Value>(&bytes) {
        Ok(v) => v,
        Err(_) if bytes.is_empty() => Value::Null,
        Err(_) => Value::String(String::from_utf8_lossy(&bytes).into_owned()),
    };
    (status, headers, body)
}

#[cfg(test)]
mod tests {
    use super::graph_spelling;

    #[test]
    fn header_names_are_spelled_as_graph_spells_them() {
        for (wire, graph) in [
            ("content-type", "Content-Type"),
            ("retry-after", "Retry-After"),
            ("location", "Location"),
            ("cache-control", "Cache-Control"),
            ("etag", "ETag"),
            ("odata-version", "OData-Version"),
            ("www-authenticate", "WWW-Authenticate"),
            ("x-ms-resource-unit", "x-ms-resource-unit"),
            ("request-id", "request-id"),
        ] {
            assert_eq!(graph_spelling(wire), graph, "{wire}");
        }
    }
}
