//! The seeded tenant's fixed ids: the organisation, its accounts, the team, and the hostile
//! names a folder holds.

/// Tenant id of the seeded work organisation (Contoso).
pub const CONTOSO_TENANT: &str = "3c1a2b4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
/// Adele Vance, the main work account.
pub const ADELE: &str = "5f0e8c62-9d3a-4e58-b9a3-2f5c7d0e1a11";
/// Megan Bowen, a second work account who shares with Adele.
pub const MEGAN: &str = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
/// Pat Kim, a personal Microsoft account.
pub const PAT: &str = "00000000-0000-0000-3ae1-d764b70b25b3";
/// The Project Falcon team (and its group).
pub const FALCON_TEAM: &str = "02bd9fd6-8f93-4758-87c3-1fb73740a315";

/// Names that stress rendering and escaping.
pub const HOSTILE_NAMES: &[&str] = &[
    "Résumé – Zoë Ångström.docx",
    "日本語のファイル名.xlsx",
    "\u{200F}שלום עולם\u{200F} RTL notes.docx",
    "🎉 Party plan 🎈.pptx",
    "<script>alert('pwned')<script>.docx",
    "<img src=x onerror=alert(1)>.txt",
    "Quote \"double\" & 'single'.txt",
    "Percent %20 and #hash.txt",
];
