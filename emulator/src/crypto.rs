//! Token signing (RS256 JWTs with a fixed emulator key), JWKS, and HMAC-signed opaque URLs.

use hmac::{Hmac, Mac};
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::traits::PublicKeyParts;
use rsa::RsaPrivateKey;
use serde_json::{json, Value};
use sha1::Digest;
use sha2::Sha256;

use crate::util::{b64, b64url, b64url_decode};

const KEY_PEM: &str = include_str!("../keys/signing-key.pem");
const CERT_PEM: &str = include_str!("../keys/signing-cert.pem");

/// The emulator's signing material. Fixed, so tokens stay verifiable across restarts; it signs
/// tokens of an offline test tenant only and is deliberately public.
pub struct Keys {
    signing: SigningKey<Sha256>,
    verifying: VerifyingKey<Sha256>,
    n: String,
    e: String,
    cert_der_b64: String,
    /// `kid` and `x5t`: base64url SHA-1 thumbprint of the certificate, as Entra publishes.
    pub kid: String,
    hmac_key: Vec<u8>,
}

impl Keys {
    /// Loads the built-in key pair; `hmac_key` signs pre-authenticated download and thumbnail URLs.
    pub fn load(hmac_key: Vec<u8>) -> Self {
        let private = RsaPrivateKey::from_pkcs8_pem(KEY_PEM).expect("built-in signing key");
        let public = private.to_public_key();
        let der_b64: String = CERT_PEM
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        let der = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, &der_b64)
            .expect("built-in certificate");
        let kid = b64url(sha1::Sha1::digest(&der));
        Keys {
            n: b64url(public.n().to_bytes_be()),
            e: b64url(public.e().to_bytes_be()),
            signing: SigningKey::<Sha256>::new(private),
            verifying: VerifyingKey::<Sha256>::new(public),
            cert_der_b64: b64(&der),
            kid,
            hmac_key,
        }
    }

    /// Signs `claims` as a compact RS256 JWS.
    pub fn sign_jwt(&self, claims: &Value) -> String {
        let header = json!({"typ": "JWT", "alg": "RS256", "kid": self.kid, "x5t": self.kid});
        let signing_input = format!(
            "{}.{}",
            b64url(header.to_string()),
            b64url(claims.to_string())
        );
        let sig = self.signing.sign(signing_input.as_bytes());
        format!("{signing_input}.{}", b64url(sig.to_bytes()))
    }

    /// Verifies a compact RS256 JWS made by [`Keys::sign_jwt`] and returns its claims.
    pub fn verify_jwt(&self, token: &str) -> Option<Value> {
        let mut parts = token.split('.');
        let (h, p, s) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let header: Value = serde_json::from_slice(&b64url_decode(h)?).ok()?;
        if header["alg"] != "RS256" || header["kid"] != self.kid.as_str() {
            return None;
        }
        let sig = Signature::try_from(b64url_decode(s)?.as_slice()).ok()?;
        self.verifying
            .verify(format!("{h}.{p}").as_bytes(), &sig)
            .ok()?;
        serde_json::from_slice(&b64url_decode(p)?).ok()
    }

    /// The JWKS document entry for this key; `issuer` as Entra publishes it.
    pub fn jwk(&self, issuer: &str) -> Value {
        json!({
            "kty": "RSA", "use": "sig", "kid": self.kid, "x5t": self.kid,
            "n": self.n, "e": self.e, "x5c": [self.cert_der_b64], "issuer": issuer,
        })
    }

    /// An HMAC-SHA256 tag over `data`, base64url.
    pub fn mac(&self, data: &str) -> String {
        let mut m = Hmac::<Sha256>::new_from_slice(&self.hmac_key).expect("hmac key");
        m.update(data.as_bytes());
        b64url(m.finalize().into_bytes())
    }

    /// Packs `data` with its tag into one opaque, URL-safe string.
    pub fn seal(&self, data: &str) -> String {
        format!("{}.{}", b64url(data), self.mac(data))
    }

    /// Checks and unpacks a value made by [`Keys::seal`].
    pub fn open(&self, sealed: &str) -> Option<String> {
        let (d, tag) = sealed.split_once('.')?;
        let data = String::from_utf8(b64url_decode(d)?).ok()?;
        let expected = self.mac(&data);
        // Constant-time comparison of the tags.
        let ok = expected.len() == tag.len()
            && expected
                .bytes()
                .zip(tag.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0;
        ok.then_some(data)
    }
}

/// BASE64URL(SHA-256(verifier)), the PKCE S256 transform (RFC 7636 §4.2).
pub fn s256(verifier: &str) -> String {
    b64url(Sha256::digest(verifier.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b_vector() {
        assert_eq!(
            s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn jwt_round_trip_and_tamper_detection() {
        let keys = Keys::load(vec![1; 32]);
        let token = keys.sign_jwt(&json!({"sub": "x", "n": 1}));
        assert_eq!(keys.verify_jwt(&token).unwrap()["sub"], "x");
        let mut parts: Vec<&str> = token.split('.').collect();
        let forged = b64url(json!({"sub": "y", "n": 1}).to_string());
        parts[1] = &forged;
        assert!(keys.verify_jwt(&parts.join(".")).is_none());
    }

    #[test]
    fn sealed_values_reject_tampering() {
        let keys = Keys::load(vec![7; 32]);
        let sealed = keys.seal("drive|item|123");
        assert_eq!(keys.open(&sealed).as_deref(), Some("drive|item|123"));
        let other = keys.seal("drive|item|999");
        let forged = format!(
            "{}.{}",
            sealed.split('.').next().unwrap(),
            other.split('.').nth(1).unwrap()
        );
        assert!(keys.open(&forged).is_none());
    }
}
