//! The identity platform v2.0 over HTTP: discovery, authorize (pages, redirects, errors), token
//! (PKCE, SPA CORS rules, single-use codes, refresh rotation and the 24-hour SPA limit), logout.

#[path = "../common/mod.rs"]
mod common;

use common::*;
use emulator::config::{DEMO_CLIENT_ID, WEB_CLIENT_ID};
use reqwest::header::{ACCESS_CONTROL_ALLOW_ORIGIN, ORIGIN};
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::signature::Verifier;
use rsa::{BigUint, RsaPublicKey};
use serde_json::{json, Value};

fn set(params: &mut Vec<(String, String)>, k: &str, v: &str) {
    params.retain(|(key, _)| key != k);
    params.push((k.into(), v.into()));
}

fn remove(params: &mut Vec<(String, String)>, k: &str) {
    params.retain(|(key, _)| key != k);
}

mod authorize;
mod naa;
mod sessions;
mod sign_in;
mod tokens;
