// A request body media type the runtime cannot send.
mod api {
    jeri_macros::generate!("specs/unsupported_media_type.yaml");
}

fn main() {}
