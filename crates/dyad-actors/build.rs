//! Embeds every `kb/**/*.toml` file: generates a table of `(path, include_str!(..))` entries so
//! person files added by curators are compiled in without touching the code.

use std::path::Path;

fn collect(dir: &Path, root: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
        }
    }
}

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap();
    let root = Path::new(&manifest);
    let kb = root.join("kb");
    println!("cargo:rerun-if-changed=kb");
    if let Ok(entries) = std::fs::read_dir(kb.join("people")) {
        for e in entries.flatten() {
            println!("cargo:rerun-if-changed={}", e.path().display());
        }
    }
    let mut files = Vec::new();
    collect(&kb, root, &mut files);
    let mut code = String::from("/// Every knowledge-base file, relative to the crate root.\npub(crate) static KB_FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        code.push_str(&format!(
            "    ({f:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/\", {f:?}))),\n"
        ));
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("kb_files.rs");
    std::fs::write(out, code).unwrap();
}
