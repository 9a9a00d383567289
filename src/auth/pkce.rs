//! PKCE (RFC 7636) with S256, `state` and `nonce`: all from browser CSPRNG bytes handed in by the
//! DOM edge, so this module stays pure and testable.

use sha2::{Digest, Sha256};

use super::secret::PkceVerifier;
use crate::util::b64url;

/// A verifier and its S256 challenge.
#[derive(Debug, Clone)]
pub struct PkcePair {
    /// Sent to the token endpoint only.
    pub verifier: PkceVerifier,
    /// `code_challenge` on the authorize request.
    pub challenge: String,
}

impl PkcePair {
    /// A pair from 32 bytes of entropy: a 43-character verifier (the RFC's recommendation).
    pub fn from_entropy(entropy: &[u8; 32]) -> Self {
        Self::from_verifier(PkceVerifier::new(b64url(entropy)))
    }

    /// The pair for a given verifier.
    pub fn from_verifier(verifier: PkceVerifier) -> Self {
        let challenge = b64url(Sha256::digest(verifier.secret().as_bytes()));
        PkcePair {
            verifier,
            challenge,
        }
    }
}

/// The per-attempt values bound to one sign-in: `state` (with the attempt id that names the
/// response channel) and `nonce`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// Names the channel the redirect page answers on.
    pub id: String,
    /// `state`: `{id}.{random}`.
    pub state: String,
    /// `nonce`, echoed in the id_token.
    pub nonce: String,
}

impl Attempt {
    /// An attempt from 48 bytes of entropy.
    pub fn from_entropy(entropy: &[u8; 48]) -> Self {
        let id = b64url(&entropy[..12]);
        Attempt {
            state: format!("{id}.{}", b64url(&entropy[12..32])),
            nonce: b64url(&entropy[32..]),
            id,
        }
    }

    /// The attempt id carried inside a `state` value, if it has one.
    pub fn id_of(state: &str) -> Option<&str> {
        state.split_once('.').map(|(id, _)| id)
    }
}

/// Compares secrets in constant time (for `state` and `nonce`).
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b() {
        let p = PkcePair::from_verifier(PkceVerifier::new(
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
        ));
        assert_eq!(p.challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    #[test]
    fn verifier_from_entropy_is_43_unreserved_chars() {
        let bytes: [u8; 32] = [
            116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212,
            37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
        ];
        let p = PkcePair::from_entropy(&bytes);
        // RFC 7636 appendix B uses exactly these octets.
        assert_eq!(
            p.verifier.secret(),
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        );
        assert_eq!(p.verifier.secret().len(), 43);
    }

    #[test]
    fn attempts_differ_and_carry_their_id() {
        let a = Attempt::from_entropy(&[1; 48]);
        let b = Attempt::from_entropy(&[2; 48]);
        assert_ne!(a.state, b.state);
        assert_eq!(Attempt::id_of(&a.state), Some(a.id.as_str()));
        assert_eq!(Attempt::id_of("no-dot"), None);
    }

    #[test]
    fn constant_time_comparison() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "abcd"));
    }
}
