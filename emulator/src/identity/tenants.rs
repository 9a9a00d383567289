//! Tenants, accounts and apps: which accounts an authority's tenant segment admits, which an
//! app's sign-in audience admits, the issuer of a tenant, and the registered apps.

use serde_json::json;

use crate::config::{AppRegistration, Audience};
use crate::state::Shared;
use crate::store::{AccountKind, Store, User, MSA_TENANT};
use crate::util::b64url;

/// Which accounts an authority's tenant segment admits.
pub(crate) fn admits(segment: &str, store: &Store, user: &User) -> Option<bool> {
    Some(match segment.to_ascii_lowercase().as_str() {
        "common" => true,
        "organizations" => user.kind == AccountKind::Work,
        "consumers" => user.kind == AccountKind::Personal,
        other if other == MSA_TENANT => user.kind == AccountKind::Personal,
        other => store.org(other)?.id == user.tenant_id,
    })
}

pub(crate) fn tenant_known(segment: &str, store: &Store) -> bool {
    matches!(
        segment.to_ascii_lowercase().as_str(),
        "common" | "organizations" | "consumers" | MSA_TENANT
    ) || store.org(segment).is_some()
}

pub(crate) fn audience_admits(app: &AppRegistration, user: &User) -> bool {
    match app.sign_in_audience {
        Audience::AzureADandPersonalMicrosoftAccount => true,
        Audience::AzureADMultipleOrgs => user.kind == AccountKind::Work,
        Audience::PersonalMicrosoftAccount => user.kind == AccountKind::Personal,
        Audience::AzureADMyOrg => app.home_tenant.as_deref() == Some(user.tenant_id.as_str()),
    }
}

pub(crate) fn issuer(base: &str, segment: &str, store: &Store) -> String {
    let tid = match segment.to_ascii_lowercase().as_str() {
        "common" | "organizations" => "{tenantid}".to_string(),
        "consumers" => MSA_TENANT.to_string(),
        other => store
            .org(other)
            .map(|o| o.id.clone())
            .unwrap_or_else(|| other.to_string()),
    };
    format!("{base}/{tid}/v2.0")
}

pub(crate) fn find_app(st: &Shared, client_id: &str) -> Option<AppRegistration> {
    st.apps
        .iter()
        .find(|a| a.client_id.eq_ignore_ascii_case(client_id))
        .cloned()
}

/// AADSTS700016's text.
pub(crate) fn unknown_app(client_id: &str) -> String {
    format!("Application with identifier '{client_id}' was not found in the directory 'Contoso'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.")
}

pub(crate) fn client_info(user: &User) -> String {
    b64url(json!({"uid": user.id, "utid": user.tenant_id}).to_string())
}
