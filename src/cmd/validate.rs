//! `bridger validate`.
use anyhow::Result;
use clap::Args as ClapArgs;

#[derive(ClapArgs)]
pub struct Args {}

pub fn run(_args: Args) -> Result<u8> {
    Ok(2)
}
