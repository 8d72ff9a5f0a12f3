//! The OpenAPI document matches the routes the server really has.
#![allow(clippy::unwrap_used)]

use reqwest::{Method, StatusCode};
use serde_json::Value;
use yorisoi_tests::backends::Engine;
use yorisoi_tests::server::TestServer;

#[tokio::test]
async fn every_documented_operation_exists_and_errors_have_the_documented_shape() {
    let server = TestServer::start(Engine::Sqlite).await.unwrap();
    let client = server.client();
    let document = client.get("/api/openapi.json").await;
    assert_eq!(document.status, StatusCode::OK);
    assert_eq!(document.body["openapi"], "3.1.0");
    let paths = document.body["paths"].as_object().unwrap();
    assert!(paths.len() >= 13);
    for (path, operations) in paths {
        let concrete = path.replace("{id}", "00000000-0000-4000-8000-000000000000");
        for (method, operation) in operations.as_object().unwrap() {
            let method: Method = method.to_uppercase().parse().unwrap();
            let reply = client.send(method.clone(), &concrete, None).await;
            assert_ne!(
                reply.status,
                StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path} is documented but not routed"
            );
            let fallback = reply.body["error"]["message"] == "endpoint not found";
            assert!(!fallback, "{method} {path} is documented but not routed");
            let status = reply.status.as_str().to_owned();
            let documented = operation["responses"].as_object().unwrap();
            assert!(
                documented.contains_key(&status),
                "{method} {path} answered {status}, which is not documented: {}",
                reply.body
            );
            if !reply.status.is_success() {
                assert!(
                    reply.body["error"]["code"].is_string()
                        && reply.body["error"]["message"].is_string(),
                    "{method} {path}: {}",
                    reply.body
                );
            }
        }
    }
    let schemas = document.body["components"]["schemas"].as_object().unwrap();
    let text = document.body.to_string();
    for reference in text.split("#/components/schemas/").skip(1) {
        let name: String = reference
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        assert!(schemas.contains_key(&name), "dangling reference to {name}");
    }
    let _: Value = serde_json::from_str(yorisoi::http::openapi::DOCUMENT).unwrap();
}
