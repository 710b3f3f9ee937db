//! Where records go: standard output, or a file written atomically.

use anyhow::Context;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Standard output, or a temporary file renamed over the target by `commit`. Dropped without
/// `commit` (an error, a panic), the temporary file is removed and the target is untouched.
pub enum AtomicOutput {
    Stdout(io::StdoutLock<'static>),
    File {
        file: File,
        temp: PathBuf,
        target: PathBuf,
        committed: bool,
    },
}

impl AtomicOutput {
    pub fn create(target: Option<&Path>) -> anyhow::Result<AtomicOutput> {
        let Some(target) = target else {
            return Ok(AtomicOutput::Stdout(io::stdout().lock()));
        };
        let name = target
            .file_name()
            .with_context(|| format!("{}: not a file name", target.display()))?;
        let mut temp_name = std::ffi::OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(".{}.partial", std::process::id()));
        let temp = target.with_file_name(temp_name);
        let file =
            File::create(&temp).with_context(|| format!("{}: cannot create the output file", target.display()))?;
        Ok(AtomicOutput::File {
            file,
            temp,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    /// Flush and move the finished output into place.
    pub fn commit(mut self) -> anyhow::Result<()> {
        match &mut self {
            AtomicOutput::Stdout(out) => out.flush().context("cannot write to standard output"),
            AtomicOutput::File {
                file,
                temp,
                target,
                committed,
            } => {
                file.sync_all()
                    .with_context(|| format!("{}: cannot write the output file", target.display()))?;
                std::fs::rename(&*temp, &*target)
                    .with_context(|| format!("{}: cannot move the output file into place", target.display()))?;
                *committed = true;
                Ok(())
            }
        }
    }
}

impl Write for AtomicOutput {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            AtomicOutput::Stdout(out) => out.write(buf),
            AtomicOutput::File { file, .. } => file.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            AtomicOutput::Stdout(out) => out.flush(),
            AtomicOutput::File { file, .. } => file.flush(),
        }
    }
}

impl Drop for AtomicOutput {
    fn drop(&mut self) {
        if let AtomicOutput::File {
            temp, committed: false, ..
        } = self
        {
            let _ = std::fs::remove_file(temp);
        }
    }
}
