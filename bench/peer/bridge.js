// The peer's redirect page: msal-browser 5 takes the sign-in window's answer through its redirect
// bridge (the window may have lost its opener to the sign-in pages' Cross-Origin-Opener-Policy).
import { broadcastResponseToMainFrame } from "@azure/msal-browser/redirect-bridge";

broadcastResponseToMainFrame().catch((e) => console.error("bridge", e.errorCode, e.message));
