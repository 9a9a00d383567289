// The peer: what a developer reaching for Microsoft's own stack writes — the Graph Toolkit's
// sign-in button and file list over its MSAL2 provider, unmodified. The page's query names the
// app registration and the authority (`?client=…&authority=…`).
import { Providers, LoginType } from "@microsoft/mgt-element";
import { Msal2Provider } from "@microsoft/mgt-msal2-provider";
// Only the two components, from their own modules (the package marks itself free of side
// effects, and its index re-exports would leave their initialisation out of the bundle).
import { registerMgtLoginComponent } from "@microsoft/mgt-components/dist/es6/components/mgt-login/mgt-login.js";
import { registerMgtFileListComponent } from "@microsoft/mgt-components/dist/es6/components/mgt-file-list/mgt-file-list.js";

const query = new URLSearchParams(location.search);
Providers.globalProvider = new Msal2Provider({
  clientId: query.get("client") ?? "00000000-0000-0000-0000-000000000000",
  authority: query.get("authority") ?? "https://login.microsoftonline.com/common",
  redirectUri: new URL("blank.html", location.href).href,
  scopes: ["User.Read", "Files.Read.All", "Sites.Read.All"],
  loginType: LoginType.Popup,
});
registerMgtLoginComponent();
registerMgtFileListComponent();

