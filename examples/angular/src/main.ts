// The picker in an Angular app: the element, allowed by CUSTOM_ELEMENTS_SCHEMA, its picker-pick
// event bound as any DOM event. Angular's builder (esbuild) does not emit the files a module names
// with `new URL("./…", import.meta.url)`: angular.json copies them to /onedrive-picker/, and
// setAssetBase says where they are.
import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from "@angular/core";
import { bootstrapApplication } from "@angular/platform-browser";
import { setAssetBase, type PickedItem } from "onedrive-picker";

setAssetBase("/onedrive-picker/");

// The tenant: Microsoft's by default; the tests point it at the emulator with ?emulator=.
const tenant = new URLSearchParams(location.search).get("emulator");

@Component({
  selector: "app-root",
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>Files for the report</h1>
      <onedrive-picker
        client-id="c5b4b6f0-1d2e-4f3a-9b8c-7d6e5f4a3b2c"
        [attr.authority]="authority"
        [attr.graph-url]="graph"
        [attr.redirect-uri]="redirect"
        multiple
        (picker-pick)="picked.set($any($event).detail)"
      ></onedrive-picker>
      <p role="status">{{ picked().length ? "Picked: " + names() : "" }}</p>
    </main>
  `,
})
class App {
  authority = tenant ? `${tenant}/common` : "https://login.microsoftonline.com/organizations";
  graph = tenant ? `${tenant}/v1.0` : null;
  redirect = `${location.origin}/auth.html`;
  picked = signal<PickedItem[]>([]);
  names = () => this.picked().map((item) => item.name).join(", ");
}

bootstrapApplication(App).catch((e) => console.error(e));
