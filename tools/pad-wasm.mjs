// Pads a WebAssembly module smaller than `min` bytes with a custom section of zeros (ignored when
// the module is instantiated; a few bytes once compressed). Bundlers inline assets under a size
// limit as `data:` URLs (Vite: 4 KB), which a page's Content-Security-Policy `connect-src` refuses
// to fetch; at `min` bytes every module the package ships is emitted as a file of its own.
import { readFileSync, writeFileSync } from "node:fs";

const [file, min = "4097"] = process.argv.slice(2);
const bytes = readFileSync(file);
const missing = Number(min) - bytes.length;
if (missing > 0) {
  const name = Buffer.from("onedrive-picker.padding");
  const leb = (n) => {
    const out = [];
    do {
      let b = n & 0x7f;
      n >>>= 7;
      if (n) b |= 0x80;
      out.push(b);
    } while (n);
    return Buffer.from(out);
  };
  const payload = Buffer.concat([leb(name.length), name, Buffer.alloc(Math.max(missing, 1))]);
  writeFileSync(file, Buffer.concat([bytes, Buffer.from([0]), leb(payload.length), payload]));
}
