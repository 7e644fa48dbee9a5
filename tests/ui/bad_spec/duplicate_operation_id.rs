// Two operations with one operationId: both places are reported.
mod api {
    jeri_macros::generate!("specs/duplicate_operation_id.yaml");
}

fn main() {}
