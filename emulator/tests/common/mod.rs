//! Test harness: a real emulator on 127.0.0.1:0, an HTTP client that does not follow redirects,
//! schema validation of every JSON body, and the PKCE sign-in done over HTTP like a browser would.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use emulator::config::{Settings, DEMO_CLIENT_ID};
use emulator::crypto::s256;
use reqwest::header::{HeaderMap, COOKIE, LOCATION, ORIGIN, SET_COOKIE};
use reqwest::{Response, StatusCode};
use serde_json::Value;

pub const REDIRECT: &str = "http://localhost:8080/auth.html";
pub const APP_ORIGIN: &str = "http://localhost:8080";
pub const ADELE: &str = "AdeleV@contoso.onmicrosoft.com";
pub const MEGAN: &str = "MeganB@contoso.onmicrosoft.com";
pub const PAT: &str = "pat.kim@outlook.com";
pub const ALL_SCOPES: &str = "openid profile email offline_access User.Read Files.ReadWrite.All Sites.Read.All Team.ReadBasic.All Channel.ReadBasic.All";

/// A browser-like client of an emulator at `base` (in this process or another).
pub struct Client {
    pub base: String,
    pub http: reqwest::Client,
}

impl Client {
    pub fn new(base: &str) -> Client {
        Client {
            base: base.to_string(),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
        }
    }
}

/// An emulator started in this process, and a client of it.
pub struct Env {
    pub client: Client,
    pub running: emulator::Running,
}

impl std::ops::Deref for Env {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.client
    }
}

pub async fn start() -> Env {
    start_with(Settings::default()).await
}

pub async fn start_with(settings: Settings) -> Env {
    let running = emulator::start(settings, 0).await.expect("emulator starts");
    Env {
        client: Client::new(running.base()),
        running,
    }
}

// ------------------------------------------------------------------------------------------
// Schema validation against the vendored Graph subset and identity schema.

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

// ------------------------------------------------------------------------------------------
// Browser-like sign-in.

pub struct Pkce {
    pub verifier: String,
    pub challenge: String,
}

pub fn pkce() -> Pkce {
    let verifier = emulator::util::random_token(48);
    Pkce {
        challenge: s256(&verifier),
        verifier,
    }
}

/// An authorize request's parameters (editable before sending).
pub fn authorize_params(scope: &str, pkce: &Pkce) -> Vec<(String, String)> {
    [
        ("client_id", DEMO_CLIENT_ID),
        ("response_type", "code"),
        ("redirect_uri", REDIRECT),
        ("scope", scope),
        ("state", "st-123"),
        ("nonce", "n-456"),
        ("code_challenge", pkce.challenge.as_str()),
        ("code_challenge_method", "S256"),
        ("response_mode", "fragment"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

pub fn url_with(base: &str, params: &[(String, String)]) -> String {
    let q = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .finish();
    format!("{base}?{q}")
}

/// A browser's cookie jar for the emulator's origin.
#[derive(Default, Clone)]
pub struct Jar(pub Vec<String>);

impl Jar {
    pub fn header(&self) -> String {
        self.0.join("; ")
    }

    pub fn take(&mut self, headers: &HeaderMap) {
        for v in headers.get_all(SET_COOKIE) {
            let pair = v.to_str().unwrap().split(';').next().unwrap().to_string();
            let name = pair.split('=').next().unwrap().to_string();
            self.0.retain(|c| !c.starts_with(&format!("{name}=")));
            self.0.push(pair);
        }
    }
}

/// Extracts `name="…" value="…"` from a page.
pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in page: {html}"))
        + marker.len();
    let end = start + html[start..].find('"').unwrap();
    html[start..end].replace("&amp;", "&")
}

/// The account id of the button for `upn` on the sign-in page.
pub fn account_button(html: &str, upn: &str) -> Option<String> {
    let marker = format!("data-upn=\"{upn}\"");
    let pos = html.find(&marker)?;
    let before = &html[..pos];
    let v = before.rfind("value=\"")? + 7;
    let end = v + before[v..].find('"')?;
    Some(before[v..end].to_string())
}

/// Parameters the identity platform sent back to the redirect URI (query, fragment or form_post).
pub fn redirect_params(location: &str) -> HashMap<String, String> {
    let part = location
        .split_once('#')
        .map(|x| x.1)
        .or_else(|| location.split_once('?').map(|x| x.1))
        .unwrap_or("");
    form_urlencoded::parse(part.as_bytes())
        .into_owned()
        .collect()
}

pub enum Step {
    /// An HTML page (sign-in, consent or error).
    Page(StatusCode, String),
    /// A redirect to the client with these parameters.
    Redirect(String),
}

pub async fn step(r: Response, jar: &mut Jar) -> Step {
    jar.take(r.headers());
    let status = r.status();
    if status == StatusCode::FOUND {
        return Step::Redirect(r.headers()[LOCATION].to_str().unwrap().to_string());
    }
    Step::Page(status, r.text().await.unwrap())
}

impl Client {
    pub async fn authorize(
        &self,
        tenant: &str,
        params: &[(String, String)],
        jar: &mut Jar,
    ) -> Step {
        let url = url_with(
            &format!("{}/{tenant}/oauth2/v2.0/authorize", self.base),
            params,
        );
        let r = self
            .http
            .get(url)
            .header(COOKIE, jar.header())
            .send()
            .await
            .unwrap();
        step(r, jar).await
    }

    pub async fn post_form(&self, tenant: &str, form: &[(&str, &str)], jar: &mut Jar) -> Step {
        let r = self
            .http
            .post(format!("{}/{tenant}/oauth2/v2.0/authorize", self.base))
            .header(COOKIE, jar.header())
            .form(form)
            .send()
            .await
            .unwrap();
        step(r, jar).await
    }

    /// Picks `upn` on the sign-in page and accepts consent; returns the redirect location.
    pub async fn sign_in(
        &self,
        tenant: &str,
        params: &[(String, String)],
        upn: &str,
        jar: &mut Jar,
    ) -> String {
        let mut s = self.authorize(tenant, params, jar).await;
        loop {
            match s {
                Step::Redirect(loc) => return loc,
                Step::Page(status, html) => {
                    assert_eq!(status, StatusCode::OK, "{html}");
                    let ctx = hidden(&html, "ctx");
                    if html.contains("Pick an account") {
                        let account = account_button(&html, upn)
                            .unwrap_or_else(|| panic!("{upn} not offered: {html}"));
                        s = self
                            .post_form(
                                tenant,
                                &[("ctx", &ctx), ("action", "signin"), ("account", &account)],
                                jar,
                            )
                            .await;
                    } else if html.contains("Permissions requested") {
                        let account = hidden(&html, "account");
                        s = self
                            .post_form(
                                tenant,
                                &[("ctx", &ctx), ("action", "accept"), ("account", &account)],
                                jar,
                            )
                            .await;
                    } else {
                        panic!("unexpected page: {html}");
                    }
                }
            }
        }
    }

    pub async fn redeem(
        &self,
        tenant: &str,
        code: &str,
        verifier: &str,
        origin: Option<&str>,
    ) -> Response {
        let mut req = self
            .http
            .post(format!("{}/{tenant}/oauth2/v2.0/token", self.base))
            .form(&[
                ("client_id", DEMO_CLIENT_ID),
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", REDIRECT),
                ("code_verifier", verifier),
                ("scope", ALL_SCOPES),
            ]);
        if let Some(o) = origin {
            req = req.header(ORIGIN, o);
        }
        req.send().await.unwrap()
    }

    pub async fn refresh(&self, rt: &str, scope: Option<&str>) -> Response {
        let mut form = vec![
            ("client_id", DEMO_CLIENT_ID),
            ("grant_type", "refresh_token"),
            ("refresh_token", rt),
        ];
        if let Some(s) = scope {
            form.push(("scope", s));
        }
        self.http
            .post(format!("{}/common/oauth2/v2.0/token", self.base))
            .header(ORIGIN, APP_ORIGIN)
            .form(&form)
            .send()
            .await
            .unwrap()
    }

    /// The whole sign-in: authorize, pick the account, consent, redeem. Returns the token response.
    pub async fn login(&self, upn: &str, scope: &str) -> Value {
        let p = pkce();
        let mut jar = Jar::default();
        let loc = self
            .sign_in("common", &authorize_params(scope, &p), upn, &mut jar)
            .await;
        let params = redirect_params(&loc);
        assert_eq!(params["state"], "st-123");
        let r = self
            .redeem("common", &params["code"], &p.verifier, Some(APP_ORIGIN))
            .await;
        assert_eq!(r.status(), 200);
        json_checked(r, "identity:tokenResponse").await
    }

    /// An access token for `upn` with every scope.
    pub async fn token(&self, upn: &str) -> String {
        self.login(upn, ALL_SCOPES).await["access_token"]
            .as_str()
            .unwrap()
            .to_string()
    }

    pub fn graph(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}/v1.0{path}", self.base)
        }
    }

    /// The body of a plain GET of the absolute `url` (a page, a redirect's target), as text.
    pub async fn text(&self, url: impl reqwest::IntoUrl) -> String {
        self.http
            .get(url)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// A GET of `path` on the emulator (a page or a pre-authenticated URL) without a token.
    pub async fn get_plain(&self, path: &str) -> Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    pub async fn get(&self, token: &str, path: &str) -> Response {
        self.http
            .get(self.graph(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    pub async fn get_ok(&self, token: &str, path: &str, schema: &str) -> Value {
        let r = self.get(token, path).await;
        assert_eq!(r.status(), 200, "GET {path}");
        json_checked(r, schema).await
    }

    /// A simple upload (or any PUT) with a bearer token.
    pub async fn put(&self, token: &str, path: &str, body: impl Into<reqwest::Body>) -> Response {
        self.http
            .put(self.graph(path))
            .bearer_auth(token)
            .body(body)
            .send()
            .await
            .unwrap()
    }

    /// A call to the emulator's control API (`/_emulator/...`).
    pub async fn control(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Response {
        let mut req = self
            .http
            .request(method, format!("{}/_emulator/{path}", self.base))
            .header(reqwest::header::CONTENT_TYPE, "application/json");
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send().await.unwrap()
    }

    /// GETs `path` and asserts a Graph error (see [`graph_error`]).
    pub async fn get_err(&self, token: &str, path: &str, status: u16, code: &str) -> Value {
        graph_error(self.get(token, path).await, status, code).await
    }

    pub async fn post_json(&self, token: &str, path: &str, body: Value) -> Response {
        self.http
            .post(self.graph(path))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }
}

/// Decodes a JWT's payload (tests only: the widget never parses access tokens).
pub fn jwt_claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&emulator::util::b64url_decode(payload).unwrap()).unwrap()
}
