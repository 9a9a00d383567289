//! Discovery: the OpenID configuration, the signing keys, and instance discovery.

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::error::{known_tenant, AadError, Ids};
use super::tenants::issuer;
use crate::state::Shared;

/// A JSON answer no cache keeps.
fn no_store(body: Value) -> Response {
    let mut r = Json(body).into_response();
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store, no-cache"),
    );
    r
}

/// `GET /{tenant}/v2.0/.well-known/openid-configuration`
pub async fn openid_configuration(
    State(st): State<Shared>,
    Path(tenant): Path<String>,
) -> Result<Response, AadError> {
    known_tenant(&st, &tenant, &Ids::new(None))?;
    let store = st.store.read();
    let b = &st.identity_base;
    // A domain name (`contoso.onmicrosoft.com`) is resolved: Entra names the tenant by its id in
    // the endpoints, as in the issuer.
    let tenant = store.org(&tenant).map(|o| o.id.clone()).unwrap_or(tenant);
    let body = json!({
        "token_endpoint": format!("{b}/{tenant}/oauth2/v2.0/token"),
        "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
        "jwks_uri": format!("{b}/{tenant}/discovery/v2.0/keys"),
        "response_modes_supported": ["query", "fragment", "form_post"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "issuer": issuer(b, &tenant, &store),
        "request_uri_parameter_supported": false,
        "userinfo_endpoint": format!("{b}/oidc/userinfo"),
        "authorization_endpoint": format!("{b}/{tenant}/oauth2/v2.0/authorize"),
        "device_authorization_endpoint": format!("{b}/{tenant}/oauth2/v2.0/devicecode"),
        "http_logout_supported": true,
        "frontchannel_logout_supported": true,
        "end_session_endpoint": format!("{b}/{tenant}/oauth2/v2.0/logout"),
        "claims_supported": ["sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"],
        "kerberos_endpoint": format!("{b}/{tenant}/kerberos"),
        "tenant_region_scope": null,
        "cloud_instance_name": "microsoftonline.com",
        "cloud_graph_host_name": "graph.windows.net",
        "msgraph_host": "graph.microsoft.com",
        "rbac_url": "https://pas.windows.net",
    });
    Ok(no_store(body))
}

/// `GET /{tenant}/discovery/instance?api-version=1.1&authorization_endpoint=…`: instance
/// discovery, which MSAL.js calls before it trusts an authority it was not told is known. It
/// names the tenant's discovery document (the tenant of `authorization_endpoint`) and the hosts
/// of this cloud: the emulator's identity host.
pub async fn instance_discovery(
    State(st): State<Shared>,
    Path(tenant): Path<String>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> Result<Response, AadError> {
    let b = &st.identity_base;
    let tenant = q
        .get("authorization_endpoint")
        .and_then(|e| url::Url::parse(e).ok())
        .and_then(|u| u.path_segments()?.next().map(str::to_string))
        .filter(|t| !t.is_empty())
        .unwrap_or(tenant);
    known_tenant(&st, &tenant, &Ids::new(None))?;
    let host = url::Url::parse(b)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default();
    Ok(no_store(json!({
        "tenant_discovery_endpoint": format!("{b}/{tenant}/v2.0/.well-known/openid-configuration"),
        "api-version": "1.1",
        "metadata": [{"preferred_network": host, "preferred_cache": host, "aliases": [host]}],
    })))
}

/// `GET /{tenant}/discovery/v2.0/keys`
pub async fn jwks(
    State(st): State<Shared>,
    Path(tenant): Path<String>,
) -> Result<Response, AadError> {
    known_tenant(&st, &tenant, &Ids::new(None))?;
    let issuer = format!("{}/{{tenantid}}/v2.0", st.identity_base);
    Ok(no_store(json!({ "keys": [st.keys.jwk(&issuer)] })))
}
