//! The walk against the real API: reads, and a net-zero write when asked.

use std::io::Write;

use jeri_client::links::Slug;
use jeri_client::types::BalanceChange;
use jeri_client::{Client, ProgramClient};

use super::walk::{Walk, all_applied, links, print_links};
use super::{API_KEY_VAR, EMAIL_VAR, Env, Failure, Options, PROGRAM_VAR, SLUG_VAR};

/// The program and customer of a live run.
#[derive(Debug)]
pub(super) struct LiveTarget {
    program: String,
    email: String,
    slug: Slug,
}

impl LiveTarget {
    pub(super) fn from_env(env: &Env) -> Result<LiveTarget, Failure> {
        let required = |value: &Option<String>, name: &str, what: &str| {
            value.clone().ok_or_else(|| {
                Failure::Setup(format!(
                    "{API_KEY_VAR} is set, so the quickstart talks to the real API and needs {name}: {what}.\n  \
                     Unset {API_KEY_VAR} to run against the local sandbox instead."
                ))
            })
        };
        let program = required(
            &env.program,
            PROGRAM_VAR,
            "the program's id or slug (Settings > Technical > Program Information)",
        )?;
        let email = required(&env.email, EMAIL_VAR, "the email of an existing customer")?;
        let slug_text = env.slug.clone().unwrap_or_else(|| program.clone());
        let slug = Slug::new(slug_text).map_err(|error| {
            Failure::Setup(format!(
                "{error}; set {SLUG_VAR} to the program slug used in links"
            ))
        })?;
        Ok(LiveTarget {
            program,
            email,
            slug,
        })
    }
}

pub(super) async fn live_walk(
    client: &Client,
    target: &LiveTarget,
    options: Options,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let acme: ProgramClient = client
        .program(target.program.as_str())
        .with_slug(target.slug.clone());
    let (program, email) = (target.program.as_str(), target.email.as_str());
    let mut walk = Walk::new(out);
    let mode = if options.write {
        "reads, and a +1/−1 balance change (--write)"
    } else {
        "read-only; pass --write to also change the balance"
    };
    writeln!(
        walk.out,
        "jeri quickstart: the JeriCommerce API at {}",
        client.transport().base_url()
    )?;
    walk.line(format!("program {program}, customer {email} ({mode})"))?;

    walk.section("1. Is the API up? getApiStatus reports its health.")?;
    let (status, took) = walk.call("getApiStatus", client.get_api_status()).await?;
    walk.done(format!("getApiStatus: {}", status.status), took)?;

    walk.section("2. Read the customer. getCustomer returns the profile and the loyalty record.")?;
    let (customer, took) = walk.call("getCustomer", acme.get_customer(email)).await?;
    let balance = customer
        .loyalty_data
        .as_ref()
        .map(|loyalty| format!("balance {} points", loyalty.balance))
        .unwrap_or_else(|| "no loyalty record".to_owned());
    walk.done(
        format!(
            "getCustomer: {} ({}), {balance}",
            customer.email, customer.id
        ),
        took,
    )?;

    walk.section(
        "3. Customer tokens and links. getCustomerToken issues a `download` and an `auth` token;\n   \
         jeri_client::links turns them into https://jeri.link links.",
    )?;
    let (download_link, session) = links(&mut walk, &acme, email).await?;
    let session_link = session.map(|(_, link)| link);
    print_links(
        &mut walk,
        &download_link,
        session_link.as_ref(),
        options.show_links,
    )?;
    if !options.show_links {
        walk.line(
            "(tokens hidden: the links sign in as the customer; pass --show-links to print them)",
        )?;
    }

    if options.write {
        walk.section("4. Change the balance: +1 point, then −1 point (net zero). Sent once each, never retried.")?;
        let reason = "jeri quickstart check";
        let (result, took) = walk
            .call(
                "increaseBalance",
                acme.increase_balance(vec![BalanceChange::new(email, 1, reason)]),
            )
            .await?;
        all_applied("increaseBalance", result)?;
        walk.done("increaseBalance +1 point", took)?;
        let (result, took) = walk
            .call(
                "decreaseBalance",
                acme.decrease_balance(vec![BalanceChange::new(email, 1, reason)]),
            )
            .await?;
        all_applied("decreaseBalance", result)?;
        walk.done("decreaseBalance −1 point", took)?;
    }
    walk.summary()?;
    Ok(())
}
