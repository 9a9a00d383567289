//! Schema validation of every JSON body against the vendored Graph subset and identity schema.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use reqwest::Response;
use serde_json::Value;

type Validators = Mutex<HashMap<String, Arc<jsonschema::Validator>>>;

fn validators() -> &'static Validators {
    static V: OnceLock<Validators> = OnceLock::new();
    V.get_or_init(|| Mutex::new(HashMap::new()))
}

fn load(name: &str) -> Value {
    let path = format!("{}/schemas/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Validates `body` against `schema`: a Graph component name (`microsoft.graph.driveItem`) or
/// `identity:<def>`.
pub fn check(schema: &str, body: &Value) {
    let validator = {
        let mut map = validators().lock().unwrap();
        map.entry(schema.to_string())
            .or_insert_with(|| {
                let (uri, doc, pointer) = match schema.strip_prefix("identity:") {
                    Some(def) => (
                        "urn:identity-v2",
                        load("identity-v2.schema.json"),
                        format!("#/$defs/{def}"),
                    ),
                    None => (
                        "urn:graph-subset",
                        load("graph-subset.openapi.json"),
                        format!("#/components/schemas/{schema}"),
                    ),
                };
                let resource = jsonschema::Draft::Draft202012.create_resource(doc);
                let root = serde_json::json!({ "$ref": format!("{uri}{pointer}") });
                Arc::new(
                    jsonschema::options()
                        .with_draft(jsonschema::Draft::Draft202012)
                        .with_resource(uri, resource)
                        .build(&root)
                        .expect("schema builds"),
                )
            })
            .clone()
    };
    let errors: Vec<String> = validator
        .iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "{schema} violations:\n{}\nbody: {body:#}",
        errors.join("\n")
    );
}

/// Reads a JSON body and validates it.
pub async fn json_checked(r: Response, schema: &str) -> Value {
    let body: Value = r.json().await.expect("JSON body");
    check(schema, &body);
    body
}

/// Asserts a Graph error status and code, validating the envelope; returns the body.
pub async fn graph_error(r: Response, status: u16, code: &str) -> Value {
    assert_eq!(r.status().as_u16(), status, "status");
    let body = json_checked(r, "microsoft.graph.ODataErrors.ODataError").await;
    assert_eq!(body["error"]["code"], code, "{body:#}");
    assert!(body["error"]["innerError"]["request-id"].is_string());
    assert!(!body["error"]["innerError"]["date"]
        .as_str()
        .unwrap()
        .ends_with('Z'));
    body
}

/// Asserts an identity token error with the AADSTS code.
pub async fn token_error(r: Response, status: u16, error: &str, aadsts: u32) -> Value {
    assert_eq!(r.status().as_u16(), status);
    let body = json_checked(r, "identity:tokenErrorResponse").await;
    assert_eq!(body["error"], error, "{body:#}");
    assert_eq!(body["error_codes"][0], aadsts, "{body:#}");
    body
}
