//! What the identity platform shows the browser: account picker, consent, errors, form_post,
//! signed out, and redirects.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use crate::config::AppRegistration;
use crate::crypto::Sealed;
use crate::state::Shared;
use crate::store::{AccountKind, User};
use crate::util::html_escape as e;

const STYLE: &str = "body{font-family:'Segoe UI',Arial,sans-serif;background:#f2f2f2;margin:0}\
.card{max-width:440px;margin:40px auto;background:#fff;padding:36px 44px;box-shadow:0 2px 6px rgba(0,0,0,.2)}\
h1{font-size:24px;font-weight:600;margin:0 0 12px}.brand{color:#737373;font-size:15px;margin-bottom:16px}\
button.account{display:flex;flex-direction:column;align-items:flex-start;width:100%;padding:12px;margin:6px 0;\
border:1px solid #ccc;background:#fff;cursor:pointer;font-size:15px;text-align:left}\
button.account:hover,button.account:focus{background:#e6e6e6}.upn{color:#555;font-size:13px}\
.badge{font-size:11px;color:#0067b8}.hint{outline:2px solid #0067b8}ul{padding-left:20px}\
.actions{display:flex;gap:8px;justify-content:flex-end;margin-top:20px}\
.actions button{min-width:108px;padding:6px 12px;font-size:15px;border:none;cursor:pointer}\
.primary{background:#0067b8;color:#fff}.secondary{background:#ccc}.error{color:#a80000;word-break:break-word}";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><style>{STYLE}</style></head>\
         <body><main class=\"card\"><div class=\"brand\">Microsoft (offline emulator)</div>{body}</main></body></html>",
        e(title)
    )
}

/// The account picker.
pub fn sign_in(
    st: &Shared,
    app: &AppRegistration,
    raw_query: &str,
    tenant: &str,
    accounts: &[User],
    session: &[String],
    hint: Option<&str>,
) -> String {
    let ctx = st.keys.seal(Sealed::SignInContext, raw_query);
    let mut list = String::new();
    for u in accounts {
        let hinted = hint
            .map(|h| h.eq_ignore_ascii_case(&u.upn))
            .unwrap_or(false);
        let kind = match u.kind {
            AccountKind::Work => "Work or school account",
            AccountKind::Personal => "Personal account",
        };
        let signed_in = if session.contains(&u.id) {
            " · Signed in"
        } else {
            ""
        };
        list.push_str(&format!(
            "<button class=\"account{}\" type=\"submit\" name=\"account\" value=\"{}\" data-upn=\"{}\">\
             <span class=\"name\">{}</span><span class=\"upn\">{}</span><span class=\"badge\">{kind}{signed_in}</span></button>",
            if hinted { " hint" } else { "" },
            e(&u.id),
            e(&u.upn),
            e(&u.display_name),
            e(&u.upn),
        ));
    }
    if accounts.is_empty() {
        list.push_str(
            "<p class=\"error\">No account of this tenant can sign in to this application.</p>",
        );
    }
    page(
        "Sign in to your account",
        &format!(
            "<h1>Pick an account</h1><p>to continue to <b>{}</b></p>\
             <form method=\"post\" action=\"{}/{}/oauth2/v2.0/authorize\">\
             <input type=\"hidden\" name=\"ctx\" value=\"{}\"><input type=\"hidden\" name=\"action\" value=\"signin\">{list}</form>\
             <p class=\"upn\">No password is needed: this is an offline test tenant.</p>",
            e(&app.display_name),
            e(&st.identity_base),
            e(tenant),
            e(&ctx),
        ),
    )
}

fn describe(scope: &str) -> &'static str {
    match scope {
        "User.Read" => "Sign you in and read your profile",
        "Files.Read" => "Read your files",
        "Files.Read.All" => "Read all files that you can access",
        "Files.ReadWrite" => "Have full access to your files",
        "Files.ReadWrite.All" => "Have full access to all files you have access to",
        "Sites.Read.All" => "Read items in all site collections",
        "Sites.ReadWrite.All" => "Edit or delete items in all site collections",
        "Team.ReadBasic.All" => "Read the names and descriptions of teams",
        "Channel.ReadBasic.All" => "Read the names and descriptions of channels",
        _ => "Access your data",
    }
}

/// The consent prompt.
pub fn consent(
    st: &Shared,
    app: &AppRegistration,
    raw_query: &str,
    tenant: &str,
    user: &User,
    scopes: &[String],
    oidc: &[String],
) -> String {
    let ctx = st.keys.seal(Sealed::SignInContext, raw_query);
    let account = st.keys.seal(Sealed::Account, &user.id);
    let mut items: String = scopes
        .iter()
        .map(|s| {
            format!(
                "<li data-scope=\"{}\">{} <span class=\"upn\">({})</span></li>",
                e(s),
                describe(s),
                e(s)
            )
        })
        .collect();
    if oidc.iter().any(|s| s == "offline_access") {
        items.push_str("<li data-scope=\"offline_access\">Maintain access to data you have given it access to</li>");
    }
    page(
        "Permissions requested",
        &format!(
            "<h1>Permissions requested</h1><p class=\"upn\">{}</p><p><b>{}</b> wants to:</p><ul>{items}</ul>\
             <form method=\"post\" action=\"{}/{}/oauth2/v2.0/authorize\">\
             <input type=\"hidden\" name=\"ctx\" value=\"{}\"><input type=\"hidden\" name=\"account\" value=\"{}\">\
             <div class=\"actions\"><button class=\"secondary\" name=\"action\" value=\"decline\" id=\"decline\">Cancel</button>\
             <button class=\"primary\" name=\"action\" value=\"accept\" id=\"accept\">Accept</button></div></form>",
            e(&user.upn),
            e(&app.display_name),
            e(&st.identity_base),
            e(tenant),
            e(&ctx),
            e(&account),
        ),
    )
}

/// An error the service shows instead of redirecting (untrusted client or redirect URI).
pub fn error_page(description: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Html(page(
            "Sign in error",
            &format!(
                "<h1>Sorry, but we're having trouble signing you in.</h1><p class=\"error\" id=\"error\">{}</p>",
                e(description)
            ),
        )),
    )
        .into_response()
}

/// `response_mode=form_post`: a self-submitting form.
pub fn form_post(redirect_uri: &str, params: &[(String, String)]) -> String {
    let inputs: String = params
        .iter()
        .map(|(k, v)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                e(k),
                e(v)
            )
        })
        .collect();
    format!(
        "<!doctype html><html><head><title>Working...</title></head><body onload=\"document.forms[0].submit()\">\
         <form method=\"POST\" action=\"{}\">{inputs}<noscript><button>Continue</button></noscript></form></body></html>",
        e(redirect_uri)
    )
}

/// After logout without a (trusted) redirect.
pub fn signed_out() -> String {
    page("Signed out", "<h1>You signed out of your account</h1><p>It's a good idea to close all browser windows.</p>")
}

/// A `302` to `location`, never cached.
pub fn found(location: &str) -> Response {
    let mut r = StatusCode::FOUND.into_response();
    r.headers_mut().insert(
        header::LOCATION,
        HeaderValue::from_str(location).unwrap_or(HeaderValue::from_static("/")),
    );
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store, no-cache"),
    );
    r
}
