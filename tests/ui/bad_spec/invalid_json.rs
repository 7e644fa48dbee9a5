// A JSON syntax error (the file starts with `{`), reported at its line.
mod api {
    jeri_macros::generate!("specs/invalid_json.json");
}

fn main() {}
