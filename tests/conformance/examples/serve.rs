//! Serves the generated server of one spec of `jeri_conformance::SPECS`, implemented by
//! its `ExampleServer` (the `example_answers` setting), on a loopback address, until
//! stopped: a stand-in for the service, for schemathesis (`.ci/schemathesis-servers.sh`)
//! or a client under development.
//!
//! `cargo run -p jeri-conformance --example serve -- <spec> [127.0.0.1:<port>]` prints the
//! operations the server leaves at `501` and then `listening on http://…`.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(name) = args.next() else {
        eprintln!("usage: serve <spec> [address]; specs: {}", names());
        return ExitCode::FAILURE;
    };
    let address = args.next().unwrap_or_else(|| "127.0.0.1:0".to_owned());
    let Some(spec) = jeri_conformance::SPECS
        .iter()
        .find(|spec| spec.name == name)
    else {
        eprintln!("no spec named `{name}`; specs: {}", names());
        return ExitCode::FAILURE;
    };
    let listener = match tokio::net::TcpListener::bind(&address).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("cannot listen on {address}: {error}");
            return ExitCode::FAILURE;
        }
    };
    for (id, why) in spec.answers_left_out {
        println!("left at 501: {id}: {why}");
    }
    match listener.local_addr() {
        Ok(bound) => println!("listening on http://{bound}"),
        Err(error) => eprintln!("the bound address is unknown: {error}"),
    }
    match jeri_server::axum::serve(listener, (spec.router)()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("the server stopped: {error}");
            ExitCode::FAILURE
        }
    }
}

fn names() -> String {
    jeri_conformance::SPECS
        .iter()
        .map(|spec| spec.name)
        .collect::<Vec<_>>()
        .join(", ")
}
