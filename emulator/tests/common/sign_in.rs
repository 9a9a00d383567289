//! The PKCE sign-in done over HTTP as a browser would: the pages, their cookies, the redirect,
//! and the token requests.

use std::collections::HashMap;

use emulator::config::DEMO_CLIENT_ID;
use emulator::crypto::s256;
use reqwest::header::{HeaderMap, COOKIE, LOCATION, ORIGIN, SET_COOKIE};
use reqwest::{Response, StatusCode};
use serde_json::Value;

use super::{json_checked, Client, ALL_SCOPES, APP_ORIGIN, REDIRECT};

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
}
