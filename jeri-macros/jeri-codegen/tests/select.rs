//! `only(...)` over a real spec: the subset generates cleanly, names every type it uses,
//! leaves out the types only other operations need, and lists what it left out.

use std::collections::BTreeSet;

use jeri_codegen::{Selector, Settings, generate, render_error};

/// `nexus.json` from the shared corpus; `None` (after saying why) when it is not there,
/// which fails the test under `CI=true`.
fn nexus() -> Option<String> {
    jeri_test_support::shared_text("specs/nexus.json")
}

fn generated(spec: &str, only: Vec<Selector>) -> String {
    let output = generate(
        spec,
        &Settings {
            only,
            ..Settings::default()
        },
    );
    let errors: Vec<String> = output
        .errors
        .iter()
        .map(|e| render_error("nexus.json", e))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let file: syn::File = syn::parse2(output.tokens).expect("the output parses as Rust");
    prettyplease::unparse(&file)
}

/// Names after `pub struct`, `pub enum` and `pub type` inside `pub mod types`, including
/// the enums declared inside `open_enum!` invocations (which the printer may wrap).
fn defined_types(code: &str) -> BTreeSet<String> {
    let start = code.find("pub mod types {").expect("a types module");
    let end = code[start..]
        .find("\npub mod requests {")
        .map_or(code.len(), |i| start + i);
    let words: Vec<&str> = code[start..end].split_whitespace().collect();
    words
        .windows(3)
        .filter(|w| w[0] == "pub" && ["struct", "enum", "type"].contains(&w[1]))
        .map(|w| {
            w[2].split(|c: char| !c.is_alphanumeric() && c != '_')
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        // Hidden markers of constants (`__Name`) come with the constant `Name`.
        .filter(|name| !name.starts_with("__"))
        .collect()
}

/// Every `types::Name` the code refers to.
fn used_types(code: &str) -> BTreeSet<String> {
    code.match_indices("types::")
        .map(|(i, _)| {
            code[i + "types::".len()..]
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .filter(|name| name.starts_with(|c: char| c.is_ascii_uppercase()))
        .collect()
}

/// The entries of the doc list above `OMITTED_OPERATIONS`.
fn omitted_count(code: &str) -> usize {
    let start = code
        .find("pub const OMITTED_OPERATIONS")
        .expect("the list of operations left out");
    code[..start]
        .lines()
        .rev()
        .take_while(|line| line.starts_with("///"))
        .filter(|line| line.starts_with("/// - `"))
        .count()
}

#[test]
fn a_tag_subset_keeps_its_types_and_lists_the_rest() {
    let Some(nexus) = nexus() else { return };
    let whole = generated(&nexus, Vec::new());
    let disks = generated(&nexus, vec![Selector::Tag("disks".into())]);

    assert!(!whole.contains("OMITTED_OPERATIONS"));
    let all_types = defined_types(&whole);
    let kept_types = defined_types(&disks);
    assert!(kept_types.is_subset(&all_types));
    assert!(kept_types.contains("DiskCreate") && kept_types.contains("Disk"));
    assert!(!kept_types.contains("InstanceCreate"), "{kept_types:?}");
    assert!(
        kept_types.len() * 4 < all_types.len(),
        "{} of {}",
        kept_types.len(),
        all_types.len()
    );
    let missing: Vec<_> = used_types(&disks)
        .difference(&kept_types)
        .cloned()
        .collect();
    assert!(missing.is_empty(), "used but not generated: {missing:?}");

    assert_eq!(omitted_count(&disks), 193 - 10);
    let compact: String = disks.split_whitespace().collect();
    assert!(compact.contains("(\"instance_list\",\"GET\",\"/organizations/{organization_name}/projects/{project_name}/instances\",)"));
    assert!(disks.contains("/// - `instance_list`: `GET /organizations/{organization_name}/projects/{project_name}/instances`"));
}

#[test]
fn selectors_add_up() {
    let Some(nexus) = nexus() else { return };
    let code = generated(
        &nexus,
        vec![
            Selector::OperationId("instance_list".into()),
            Selector::Path("/system/policy".into()),
            Selector::Tag("login".into()),
        ],
    );
    let missing: Vec<_> = used_types(&code)
        .difference(&defined_types(&code))
        .cloned()
        .collect();
    assert!(missing.is_empty(), "used but not generated: {missing:?}");
    assert!(code.contains("pub fn instance_list("));
    assert!(code.contains("pub fn system_policy_view("));
    assert!(!code.contains("pub fn disk_list("));
}

const HALF_BROKEN: &str = r#"openapi: 3.0.3
info:
  title: T
  version: '1'
paths:
  /good:
    get:
      operationId: getGood
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Good'
  /bad:
    get:
      operationId: getBad
      parameters:
        - name: filter
          in: header
          schema:
            type: object
            properties:
              a:
                type: string
      responses:
        '200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Bad'}}}}
components:
  schemas:
    Good:
      type: object
      properties:
        name:
          type: string
    Bad:
      type: object
      properties:
        broken:
          $ref: '#/components/schemas/Missing'
"#;

fn errors(settings: &Settings) -> Vec<String> {
    generate(HALF_BROKEN, settings)
        .errors
        .iter()
        .map(|e| render_error("spec.yaml", e))
        .collect()
}

#[test]
fn problems_only_in_what_a_subset_leaves_out_do_not_stop_it() {
    let whole = errors(&Settings::default());
    assert_eq!(whole.len(), 2, "{whole:#?}");
    assert!(whole[0].starts_with("spec.yaml:"), "{}", whole[0]);

    let good = Settings {
        only: vec![Selector::OperationId("getGood".into())],
        ..Settings::default()
    };
    assert_eq!(errors(&good), Vec::<String>::new());
    let output = generate(HALF_BROKEN, &good);
    let code = prettyplease::unparse(&syn::parse2(output.tokens).expect("parses"));
    assert!(code.contains("pub fn get_good("));
    assert!(code.contains("/// - `getBad`: `GET /bad`"));
    assert!(!code.contains("pub struct Bad"));

    let bad = Settings {
        only: vec![Selector::OperationId("getBad".into())],
        ..Settings::default()
    };
    assert_eq!(errors(&bad), whole);
}
