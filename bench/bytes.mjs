// Where the first screen's wasm bytes go: the package's first module (as `tools/package.sh`
// splits it) built again with its function names kept (`wasm-opt -Oz -g`: the same code as the
// shipped module, plus a name section), each function and data segment attributed to its crate
// (and, for this crate, its module), raw and as a share of the code and data. Prints a table.
//
//   bash tools/package.sh && node bench/bytes.mjs [--top 30]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const ROOT = resolve(import.meta.dirname, "..");
const SPLIT = join(ROOT, "target/package/split/onedrive_picker.wasm");
const SHIPPED = join(ROOT, "target/package/onedrive-picker/onedrive_picker_bg.wasm");
const FEATURES = ["bulk-memory", "mutable-globals", "nontrapping-float-to-int", "sign-ext", "reference-types", "multivalue"].map((f) => `--enable-${f}`);
const top = Number(process.argv[process.argv.indexOf("--top") + 1]) || 30;

/** The split first module, through wasm-bindgen and `wasm-opt -Oz -g`, with its names. */
function named() {
  const dir = mkdtempSync(join(tmpdir(), "odp-bytes-"));
  execFileSync("wasm-bindgen", ["--target", "web", "--keep-lld-exports", "--out-dir", dir, "--out-name", "m", SPLIT]);
  const out = join(dir, "named.wasm");
  execFileSync("wasm-opt", ["-Oz", "-g", ...FEATURES, join(dir, "m_bg.wasm"), "-o", out]);
  return readFileSync(out);
}

/** A LEB128 reader over `bytes`. */
function reader(bytes, at = 0) {
  const r = {
    at,
    u32() {
      let v = 0, shift = 0, b;
      do { b = bytes[r.at++]; v |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
      return v >>> 0;
    },
    name() { const n = r.u32(); const s = new TextDecoder().decode(bytes.subarray(r.at, r.at + n)); r.at += n; return s; },
  };
  return r;
}

/** Function bodies' sizes by index, data segments' sizes, the imported functions' count, names. */
function sections(bytes) {
  const r = reader(bytes, 8);
  const out = { imports: 0, bodies: [], data: [], names: new Map(), other: 0 };
  while (r.at < bytes.length) {
    const id = bytes[r.at++];
    const size = r.u32();
    const end = r.at + size;
    if (id === 2) {
      for (let n = r.u32(); n > 0; n--) {
        r.name(); r.name();
        const kind = bytes[r.at++];
        if (kind === 0) { r.u32(); out.imports++; } else if (kind === 1) { r.at++; const f = bytes[r.at++]; r.u32(); if (f & 1) r.u32(); }
        else if (kind === 2) { const f = bytes[r.at++]; r.u32(); if (f & 1) r.u32(); } else if (kind === 3) { r.at += 2; }
      }
    } else if (id === 10) {
      for (let n = r.u32(); n > 0; n--) { const len = r.u32(); out.bodies.push(len); r.at += len; }
    } else if (id === 11) {
      out.data.push(size);
    } else if (id === 0 && r.name() === "name") {
      while (r.at < end) {
        const sub = bytes[r.at++]; const len = r.u32(); const subEnd = r.at + len;
        if (sub === 1) for (let n = r.u32(); n > 0; n--) { const i = r.u32(); out.names.set(i, r.name()); }
        r.at = subEnd;
      }
    } else if (id !== 0) {
      out.other += size;
    }
    r.at = end;
  }
  return out;
}

/** The crate a (demangled) function name belongs to; this crate's by its first two modules. */
function owner(name) {
  const n = name.replace(/^[<&\s]+|dyn |mut /g, "").replace(/\[[0-9a-f]+\]/g, "");
  const m = n.match(/^([A-Za-z_][A-Za-z0-9_]*)(::([a-z_]+))?(::([a-z_]+))?/);
  if (!m) return "(other)";
  // Methods on primitives are core's; `<T as …>` is a generic impl, whoever's it is.
  if (["char", "str", "bool", "u8", "u16", "u32", "u64", "usize", "i32", "i64", "f64"].includes(m[1])) return "core";
  if (m[1] === "T") return "(generic impls)";
  if (m[1] === "onedrive_picker") return ["onedrive_picker", m[3], m[5]].filter(Boolean).join("::");
  return m[1];
}

const s = sections(named());
const by = new Map();
const add = (k, v) => by.set(k, (by.get(k) ?? 0) + v);
s.bodies.forEach((len, i) => add(owner(s.names.get(s.imports + i) ?? "(unnamed)"), len));
add("(data segments: strings, tables)", s.data.reduce((a, b) => a + b, 0));
add("(types, imports, exports, tables)", s.other);
const total = [...by.values()].reduce((a, b) => a + b, 0);
const shipped = readFileSync(SHIPPED);
console.log(`first module: ${(shipped.length / 1024).toFixed(1)} KB raw, ${(gzipSync(shipped, { level: 9 }).length / 1024).toFixed(1)} KB gzip (shipped); ${(total / 1024).toFixed(1)} KB of sections attributed below`);
console.log("\n| bytes | share | crate or module |\n|---:|---:|---|");
for (const [k, v] of [...by].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`| ${v.toLocaleString("en")} | ${((100 * v) / total).toFixed(1)} % | ${k} |`);
}
