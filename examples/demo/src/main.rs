//! The demo's Leptos page (`/leptos/`): the Leptos component ([`onedrive_picker::OneDrivePicker`])
//! wired to the offline Microsoft 365 tenant (the emulator), and what was picked. `?emulator=URL` points it at another
//! emulator instance on this machine: plain `http` on a loopback host only, so a link can never
//! send the sign-in elsewhere; `?auth-mode=redirect` (or `popup`) chooses how the user signs in;
//! `?locale=fr` (any tag the picker speaks, `en-XA` for the pseudo-locale) its language;
//! `?selected=` items shown chosen when it opens (`{drive id}/{item id}`, space separated);
//! `?start=path:/Documents` where it starts, `&lock-to-start` to keep the user there;
//! `?save=Notes.txt` saves a small text file instead of picking (save as).
//! Trunk builds it from `examples/demo/index.html`, under `/leptos/` of the demo (see
//! `tools/demo-package.mjs`).

use leptos::prelude::*;
use onedrive_picker::{AuthMode, Mode, OneDrivePicker, PickedItem, SaveResult};

/// Where the offline tenant listens unless the page says otherwise.
const DEFAULT_EMULATOR: &str = "http://127.0.0.1:8787";

/// The emulator's built-in demo app registration.
const DEMO_CLIENT_ID: &str = "c5b4b6f0-1d2e-4f3a-9b8c-7d6e5f4a3b2c";

fn main() {
    console_error_panic_hook::set_once();
    let href = web_sys::window().and_then(|w| w.location().href().ok());
    let emulator = href
        .as_deref()
        .and_then(emulator_from)
        .unwrap_or_else(|| DEFAULT_EMULATOR.to_string());
    let auth_mode = href.as_deref().map(auth_mode_from).unwrap_or_default();
    let locale = href.as_deref().and_then(|h| query(h, "locale"));
    let selected = href.as_deref().and_then(|h| query(h, "selected"));
    let start = href.as_deref().and_then(|h| query(h, "start"));
    let lock = href
        .as_deref()
        .is_some_and(|h| query(h, "lock-to-start").is_some());
    let save = href.as_deref().and_then(|h| query(h, "save"));
    leptos::mount::mount_to_body(move || {
        view! { <App emulator=emulator auth_mode=auth_mode locale=locale selected=selected start=start lock=lock save=save/> }
    });
}

/// The query parameter `key` of the page's address.
fn query(href: &str, key: &str) -> Option<String> {
    let page = url::Url::parse(href).ok()?;
    let (_, value) = page.query_pairs().find(|(k, _)| k == key)?;
    Some(value.into_owned())
}

/// The `auth-mode` query parameter of the page's address (`auto` when absent or unknown).
fn auth_mode_from(href: &str) -> AuthMode {
    query(href, "auth-mode")
        .and_then(|v| AuthMode::parse(&v))
        .unwrap_or_default()
}

/// The `emulator` query parameter of the page's address, when it is plain `http` on a loopback
/// host (its origin, without a trailing slash).
fn emulator_from(href: &str) -> Option<String> {
    let target = url::Url::parse(&query(href, "emulator")?).ok()?;
    let loopback = match target.host()? {
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    };
    let plain =
        target.scheme() == "http" && target.username().is_empty() && target.password().is_none();
    (loopback && plain && target.path() == "/" && target.query().is_none())
        .then(|| target.origin().ascii_serialization())
}

/// The picker's mode, and what the demo saves (the picker only uploads it in save mode).
fn save_as(saving: bool) -> (Mode, web_sys::Blob) {
    let mode = if saving { Mode::Save } else { Mode::Files };
    let text = js_sys::Array::of1(&"Saved by the onedrive-picker demo.\n".into());
    let content = web_sys::Blob::new_with_str_sequence(&text).expect("a text blob");
    (mode, content)
}

/// The Leptos component's page.
#[component]
fn App(
    /// Base URL of the offline Microsoft 365 tenant.
    emulator: String,
    /// How the user signs in.
    auth_mode: AuthMode,
    /// The picker's language (the browser's when none).
    locale: Option<String>,
    /// Items shown chosen when the picker opens.
    selected: Option<String>,
    /// Where the picker starts.
    start: Option<String>,
    /// Whether the user stays there.
    lock: bool,
    /// Save as: the name of the small text file the demo saves (instead of picking).
    save: Option<String>,
) -> impl IntoView {
    let authority = format!("{emulator}/common");
    let graph = format!("{emulator}/v1.0");
    let example = format!(
        "../package/example.html?emulator={}",
        form_urlencoded::byte_serialize(emulator.as_bytes()).collect::<String>()
    );
    let picked = RwSignal::new(Vec::<PickedItem>::new());
    let on_pick = move |items: Vec<PickedItem>| picked.set(items);
    let (mode, content) = save_as(save.is_some());
    let saved = RwSignal::new(None::<String>);
    let on_save =
        move |s: SaveResult| saved.set(Some(format!("Saved {} in {}", s.name, s.folder.name)));
    view! {
        <main class="odp-shell">
            <h1>"OneDrive picker"</h1>
            <p class="odp-status">"Offline Microsoft 365 tenant (emulator):"</p>
            <ul>
                <li>"Authority: " <code class="odp-authority">{authority.clone()}</code></li>
                <li>"Graph: " <code class="odp-graph">{graph.clone()}</code></li>
            </ul>
            <p class="odp-ways">
                "This page embeds the Leptos component. The same code as a custom element and as "
                <code>"OneDrivePicker.open()"</code> ", on a plain page you can copy: "
                <a class="odp-example-link" href=example>"the example portal page"</a> "."
            </p>
            <OneDrivePicker
                client_id=DEMO_CLIENT_ID
                authority=authority
                graph_base=graph
                scopes="User.Read Files.ReadWrite.All Sites.Read.All"
                auth_mode=auth_mode
                locale=locale.unwrap_or_default()
                selected=selected.unwrap_or_default()
                start=start.unwrap_or_default()
                lock_to_start=lock
                mode=mode
                save_name=save.unwrap_or_default()
                save_content=content
                on_save=on_save
                multiple=true
                open_files=true
                browser_history=true
                upload=true
                create_folder=true
                on_pick=on_pick
            />
            <p class="odp-picked" aria-live="polite">
                {move || picked.with(|p| (!p.is_empty()).then(|| {
                    let names: Vec<&str> = p.iter().map(|i| i.name.as_str()).collect();
                    format!("Picked: {}", names.join(", "))
                }))}
            </p>
            <p class="odp-saved" aria-live="polite">{move || saved.get()}</p>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::{auth_mode_from, emulator_from};
    use onedrive_picker::AuthMode;

    #[test]
    fn the_auth_mode_comes_from_the_query() {
        let page = |q: &str| format!("http://127.0.0.1:8080/?{q}");
        assert_eq!(
            auth_mode_from(&page("auth-mode=redirect")),
            AuthMode::Redirect
        );
        assert_eq!(
            auth_mode_from(&page("auth-mode=popup&x=1")),
            AuthMode::Popup
        );
        assert_eq!(auth_mode_from(&page("auth-mode=nope")), AuthMode::Auto);
        assert_eq!(auth_mode_from(&page("")), AuthMode::Auto);
    }

    #[test]
    fn only_plain_http_on_loopback_is_taken() {
        let page = |v: &str| format!("http://127.0.0.1:8080/?emulator={v}");
        let ok = [
            ("http%3A%2F%2F127.0.0.1%3A9001", "http://127.0.0.1:9001"),
            ("http://localhost:9001/", "http://localhost:9001"),
            ("http%3A%2F%2F%5B%3A%3A1%5D%3A9001", "http://[::1]:9001"),
        ];
        for (given, origin) in ok {
            assert_eq!(
                emulator_from(&page(given)).as_deref(),
                Some(origin),
                "{given}"
            );
        }
        let refused = [
            "https%3A%2F%2F127.0.0.1%3A9001",
            "http%3A%2F%2Fevil.example",
            "http%3A%2F%2F127.0.0.1.evil.example",
            "http%3A%2F%2Fuser%40127.0.0.1",
            "http%3A%2F%2F127.0.0.1%2Fcommon",
            "javascript%3Aalert(1)",
            "",
        ];
        for given in refused {
            assert_eq!(emulator_from(&page(given)), None, "{given}");
        }
        assert_eq!(emulator_from("http://127.0.0.1:8080/"), None);
    }
}
