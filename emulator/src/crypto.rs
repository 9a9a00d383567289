//! Token signing (RS256 JWTs with a key made per run), JWKS, and HMAC-sealed opaque values.

use std::path::Path;

use hmac::{Hmac, Mac};
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::traits::PublicKeyParts;
use rsa::RsaPrivateKey;
use serde_json::{json, Value};
use sha1::Digest;
use sha2::Sha256;

use crate::util::{b64, b64url, b64url_decode};

/// What a sealed value is for. The kind is part of the MAC, so a value sealed for one purpose
/// (a sign-in page's context, say) can never be opened as another (a download token).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sealed {
    /// The authorize request carried through the sign-in and consent pages.
    SignInContext,
    /// The account chosen on the sign-in page, carried by the consent form.
    Account,
    /// The sign-in session cookie (the accounts signed in).
    Session,
    /// A listing's `$skiptoken`.
    SkipToken,
    /// A pre-authenticated download URL.
    Download,
    /// A pre-authenticated thumbnail URL.
    Thumbnail,
    /// A sharing link.
    Share,
    /// An embeddable preview URL.
    Preview,
    /// A `delta` token (a page of the enumeration, or the changes after a point).
    Delta,
}

impl Sealed {
    fn tag(self) -> &'static str {
        match self {
            Sealed::SignInContext => "ctx",
            Sealed::Account => "acct",
            Sealed::Session => "sess",
            Sealed::SkipToken => "skip",
            Sealed::Download => "dl",
            Sealed::Thumbnail => "thumb",
            Sealed::Share => "share",
            Sealed::Preview => "preview",
            Sealed::Delta => "delta",
        }
    }
}

/// The file a `--persist` directory keeps the signing key in.
const KEY_FILE: &str = ".emulator-signing-key.pem";

/// The emulator's signing material: an RSA key made for this run (or kept in the persist
/// directory, readable by its owner only), never one from the repository, so that nobody can
/// mint tokens it will accept.
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

/// A fresh 2048-bit key.
fn fresh_key() -> RsaPrivateKey {
    RsaPrivateKey::new(&mut rand::thread_rng(), 2048).expect("RSA key generation")
}

/// The key kept in `dir` (made and saved there, mode 0600, when absent or unreadable).
fn persisted_key(dir: &Path) -> std::io::Result<RsaPrivateKey> {
    let path = dir.join(KEY_FILE);
    if let Ok(pem) = std::fs::read_to_string(&path) {
        if let Ok(key) = RsaPrivateKey::from_pkcs8_pem(&pem) {
            return Ok(key);
        }
    }
    let key = fresh_key();
    let pem = key
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(std::io::Error::other)?;
    std::fs::create_dir_all(dir)?;
    crate::disk::write_atomic(&path, pem.as_bytes(), true)?;
    Ok(key)
}

/// A self-signed certificate for `key` (Entra publishes one per key in `x5c`), DER.
fn certificate(key: &RsaPrivateKey) -> Vec<u8> {
    use std::str::FromStr;
    use std::time::UNIX_EPOCH;
    use x509_cert::builder::{Builder, CertificateBuilder, Profile};
    use x509_cert::der::Encode;
    use x509_cert::name::Name;
    use x509_cert::serial_number::SerialNumber;
    use x509_cert::spki::SubjectPublicKeyInfoOwned;
    use x509_cert::time::{Time, Validity};

    let signer = SigningKey::<Sha256>::new(key.clone());
    let build = || -> Result<Vec<u8>, Box<dyn std::error::Error>> {
        // Deterministic for a key (serial from the key, fixed validity): a kept key keeps its kid.
        let spki = SubjectPublicKeyInfoOwned::from_key(key.to_public_key())?;
        let serial = SerialNumber::new(&Sha256::digest(spki.to_der()?)[..15])?;
        let at = |secs| Time::try_from(UNIX_EPOCH + std::time::Duration::from_secs(secs));
        // 2024-01-01 to 2044-01-01.
        let validity = Validity {
            not_before: at(1_704_067_200)?,
            not_after: at(2_335_219_200)?,
        };
        let subject = Name::from_str("CN=accounts.accesscontrol.windows.net")?;
        let builder =
            CertificateBuilder::new(Profile::Root, serial, validity, subject, spki, &signer)?;
        Ok(builder.build::<Signature>()?.to_der()?)
    };
    build().expect("self-signed certificate")
}

impl Keys {
    /// Signing material for a run: a fresh key, or the one kept in `persist_dir`.
    /// `hmac_key` signs sealed values (pre-authenticated URLs, page contexts, cookies).
    pub fn new(persist_dir: Option<&Path>, hmac_key: Vec<u8>) -> Self {
        let key = match persist_dir.map(persisted_key) {
            Some(Ok(key)) => key,
            Some(Err(e)) => {
                eprintln!("emulator: cannot keep the signing key in the persist directory ({e}); using a fresh one");
                fresh_key()
            }
            None => fresh_key(),
        };
        let der = certificate(&key);
        let public = key.to_public_key();
        Keys {
            kid: b64url(sha1::Sha1::digest(&der)),
            n: b64url(public.n().to_bytes_be()),
            e: b64url(public.e().to_bytes_be()),
            signing: SigningKey::<Sha256>::new(key),
            verifying: VerifyingKey::<Sha256>::new(public),
            cert_der_b64: b64(&der),
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

    /// An HMAC-SHA256 tag over `data` sealed as `kind`, base64url.
    fn mac(&self, kind: Sealed, data: &str) -> String {
        let mut m = Hmac::<Sha256>::new_from_slice(&self.hmac_key).expect("hmac key");
        m.update(kind.tag().as_bytes());
        m.update(b"\0");
        m.update(data.as_bytes());
        b64url(m.finalize().into_bytes())
    }

    /// Packs `data` with its tag, for `kind` only, into one opaque, URL-safe string.
    pub fn seal(&self, kind: Sealed, data: &str) -> String {
        format!("{}.{}", b64url(data), self.mac(kind, data))
    }

    /// Checks and unpacks a value made by [`Keys::seal`] for the same `kind`.
    pub fn open(&self, kind: Sealed, sealed: &str) -> Option<String> {
        let (d, tag) = sealed.split_once('.')?;
        let data = String::from_utf8(b64url_decode(d)?).ok()?;
        let expected = self.mac(kind, &data);
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
        let keys = Keys::new(None, vec![1; 32]);
        let token = keys.sign_jwt(&json!({"sub": "x", "n": 1}));
        assert_eq!(keys.verify_jwt(&token).unwrap()["sub"], "x");
        let mut parts: Vec<&str> = token.split('.').collect();
        let forged = b64url(json!({"sub": "y", "n": 1}).to_string());
        parts[1] = &forged;
        assert!(keys.verify_jwt(&parts.join(".")).is_none());
    }

    #[test]
    fn sealed_values_reject_tampering() {
        let keys = Keys::new(None, vec![7; 32]);
        let sealed = keys.seal(Sealed::Download, "drive|item|123");
        assert_eq!(
            keys.open(Sealed::Download, &sealed).as_deref(),
            Some("drive|item|123")
        );
        let other = keys.seal(Sealed::Download, "drive|item|999");
        let forged = format!(
            "{}.{}",
            sealed.split('.').next().unwrap(),
            other.split('.').nth(1).unwrap()
        );
        assert!(keys.open(Sealed::Download, &forged).is_none());
    }

    #[test]
    fn a_value_sealed_for_one_purpose_opens_for_no_other() {
        let keys = Keys::new(None, vec![7; 32]);
        // A sign-in page's context is the authorize query, which the caller chooses freely.
        let ctx = keys.seal(Sealed::SignInContext, "drive|item|1|99999999999");
        assert!(keys.open(Sealed::SignInContext, &ctx).is_some());
        for other in [
            Sealed::Download,
            Sealed::Thumbnail,
            Sealed::Share,
            Sealed::Session,
        ] {
            assert!(keys.open(other, &ctx).is_none(), "{other:?}");
        }
    }

    #[test]
    fn each_run_signs_with_its_own_key() {
        let claims = json!({"sub": "x"});
        let a = Keys::new(None, vec![1; 32]);
        // A key kept in a persist directory survives a restart.
        let dir = std::env::temp_dir().join(format!("emu-key-{}", crate::util::random_token(6)));
        let b = Keys::new(Some(&dir), vec![1; 32]);
        let b_again = Keys::new(Some(&dir), vec![1; 32]);
        let token = b.sign_jwt(&claims);
        assert_eq!(b_again.kid, b.kid, "the persisted key is reused");
        assert!(b_again.verify_jwt(&token).is_some());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join(KEY_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "the key file is private: {mode:o}");
        }
        let _ = std::fs::remove_dir_all(&dir);
        // Two runs without a persist directory: two keys, and neither accepts the other's tokens.
        assert_ne!(a.kid, b.kid);
        assert!(a.verify_jwt(&token).is_none());
    }
}
