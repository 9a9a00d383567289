//! Server rendering and hydration. The picker lives on the browser (its language, storage, crypto
//! and the sign-in window), so under Leptos's `ssr` and `hydrate` modes the component's first
//! render is a placeholder of the picker's frame: the server sends it, the browser hydrates it,
//! and once mounted the picker takes its place. Client-side rendering builds the picker at once.

use leptos::prelude::*;

use super::shell::picker;
use crate::picker::messages::{locale, tables, EN};
use crate::picker::options::setup::{theme, PickerOptions};

/// The picker under server rendering: the placeholder until mounted in a browser, then the picker.
pub(crate) fn deferred(options: PickerOptions) -> AnyView {
    // The server knows the page's locale, not the browser's; a table not at hand is English.
    let lang = locale::choose(options.locale.as_deref(), &[]);
    let m = tables::at_hand(lang, &options.messages).unwrap_or(&EN);
    // A wrong theme is the picker's to report, once mounted.
    let theme = theme(options.theme.as_deref()).unwrap_or("auto");
    let options = StoredValue::new_local(Some(options));
    let mounted = RwSignal::new(false);
    // Effects run in the browser only, after hydration: never on the server.
    Effect::new(move || mounted.set(true));
    (move || {
        let taken = mounted
            .get()
            .then(|| options.try_update_value(Option::take).flatten())
            .flatten();
        match taken {
            // Built untracked: what the picker reads while it sets up must not rebuild this.
            Some(options) => untrack(|| picker(options)),
            None => view! {
                <section class="odp-picker" lang=m.lang dir=m.dir() data-theme=theme aria-label=m.picker
                    data-phase="server" aria-busy="true">
                    <div class="odp-signin" role="status">
                        <p class="odp-waiting">{m.loading}</p>
                    </div>
                </section>
            }
            .into_any(),
        }
    })
    .into_any()
}
