// The peer: what a developer reaching for Microsoft's own stack writes — sign-in with
// @azure/msal-browser 5, and the Graph Toolkit's sign-in button and file list over it, all
// unmodified. The toolkit's own MSAL2 provider cannot run on msal-browser 5 (it calls
// getAccountByHomeId, which version 3 removed), so the toolkit gets the tokens through its
// SimpleProvider, the documented way to bring one's own sign-in. The page's query names the app
// registration and the authority (`?client=…&authority=…`).
import { PublicClientApplication } from "@azure/msal-browser";
import { Providers, ProviderState, SimpleProvider } from "@microsoft/mgt-element";
// Only the two components, from their own modules (the package marks itself free of side
// effects, and its index re-exports would leave their initialisation out of the bundle).
import { registerMgtLoginComponent } from "@microsoft/mgt-components/dist/es6/components/mgt-login/mgt-login.js";
import { registerMgtFileListComponent } from "@microsoft/mgt-components/dist/es6/components/mgt-file-list/mgt-file-list.js";

const query = new URLSearchParams(location.search);
const SCOPES = ["User.Read", "Files.Read.All", "Sites.Read.All"];
const msal = new PublicClientApplication({
  auth: {
    clientId: query.get("client") ?? "00000000-0000-0000-0000-000000000000",
    authority: query.get("authority") ?? "https://login.microsoftonline.com/common",
    redirectUri: new URL("blank.html", location.href).href,
  },
});
const ready = msal.initialize();

const provider = new SimpleProvider(
  async (scopes) => {
    await ready;
    const request = { scopes: scopes?.length ? scopes : SCOPES, account: msal.getActiveAccount() ?? undefined };
    return (await msal.acquireTokenSilent(request)).accessToken;
  },
  async () => {
    await ready;
    const result = await msal.loginPopup({ scopes: SCOPES });
    msal.setActiveAccount(result.account);
    provider.setState(ProviderState.SignedIn);
  },
  async () => {
    await ready;
    await msal.logoutPopup();
    provider.setState(ProviderState.SignedOut);
  },
);
provider.setState(ProviderState.SignedOut);
Providers.globalProvider = provider;
registerMgtLoginComponent();
registerMgtFileListComponent();
