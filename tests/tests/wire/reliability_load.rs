//! One shared client under concurrent load: every request succeeds, reaches
//! the server exactly once, and connections are reused rather than opened
//! per request.

use std::collections::BTreeSet;

use jeri_tests::fixtures::{self, client};
use jeri_tests::recording::{Reply, Server};

const TASKS: usize = 50;
const REQUESTS_PER_TASK: usize = 40;
const REQUESTS: usize = TASKS * REQUESTS_PER_TASK;

fn email(task: usize, request: usize) -> String {
    format!("user+{task}.{request}@example.com")
}

/// Sends `REQUESTS` requests from `TASKS` tasks through one client, checks
/// that every answer matches its request and that the server saw each
/// request exactly once, and returns how many connections the server
/// accepted.
async fn load() -> usize {
    let server = Server::respond_with(|request| {
        // Echo the customer the request asked for, so each answer can be
        // matched to its request.
        let mut customer = fixtures::customer();
        customer["email"] = request.decoded_segments()[4].clone().into();
        Reply::json(200, customer.to_string())
    })
    .await;
    let client = client(server.url());

    let mut tasks = Vec::new();
    for task in 0..TASKS {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            for request in 0..REQUESTS_PER_TASK {
                let wanted = email(task, request);
                let customer = client
                    .get_customer("acme", wanted.as_str())
                    .await
                    .unwrap_or_else(|error| panic!("{wanted}: {error}"));
                assert_eq!(customer.email, wanted);
            }
        }));
    }
    for task in tasks {
        task.await.expect("task finished without panicking");
    }

    let requests = server.requests();
    assert_eq!(requests.len(), REQUESTS);
    let seen: BTreeSet<String> = requests
        .iter()
        .map(|request| request.decoded_segments()[4].clone())
        .collect();
    let expected: BTreeSet<String> = (0..TASKS)
        .flat_map(|task| (0..REQUESTS_PER_TASK).map(move |request| email(task, request)))
        .collect();
    assert_eq!(seen.len(), REQUESTS, "a request arrived twice");
    assert_eq!(seen, expected);
    server.connections()
}

#[tokio::test]
async fn fifty_tasks_on_one_thread_need_one_connection_each() {
    let connections = load().await;
    // A connection returns to the pool in a task of its own once its
    // response has been read; on one thread that task runs before the next
    // request looks into the pool, so no task ever needs a second one.
    assert!(
        (1..=TASKS + 2).contains(&connections),
        "{connections} connections for {TASKS} concurrent tasks"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_tasks_on_four_threads_reuse_connections() {
    let connections = load().await;
    // On several threads a task may send its next request before its last
    // connection is back in the pool, and then opens another, so the bound
    // is looser; without reuse there would be one connection per request.
    assert!(
        (1..=REQUESTS / 10).contains(&connections),
        "{connections} connections for {REQUESTS} requests"
    );
}
