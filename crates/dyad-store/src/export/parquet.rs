//! Parquet export through the `parquet` crate's low-level column writer (no arrow: the
//! arrow stack would add minutes to a cold build for what is a flat table).
//!
//! The schema is the CSV table's: text columns are optional UTF8 byte arrays, counts INT64,
//! scores DOUBLE, `negated` a required BOOLEAN. Rows are buffered per column and written in
//! row groups of `ROW_GROUP` rows, so memory stays bounded for any export size.

use super::table::{cells, Cell, Kind, COLUMNS};
use super::{ExportRow, ExportUnit};
use crate::{EventFilter, Store, StoreError};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use std::io::Write;
use std::sync::Arc;

const ROW_GROUP: usize = 64 * 1024;

fn error(e: parquet::errors::ParquetError) -> StoreError {
    StoreError::Export(format!("parquet: {e}"))
}

fn schema() -> String {
    let fields: Vec<String> = COLUMNS
        .iter()
        .map(|(name, kind)| match kind {
            Kind::Text => format!("optional binary {name} (UTF8);"),
            Kind::Int => format!("optional int64 {name};"),
            Kind::Float => format!("optional double {name};"),
            Kind::Bool => format!("required boolean {name};"),
        })
        .collect();
    format!("message dyad_event {{ {} }}", fields.join(" "))
}

struct Buffer {
    rows: Vec<Vec<Cell>>,
}

impl Buffer {
    fn flush<W: Write + Send>(&mut self, writer: &mut SerializedFileWriter<W>) -> Result<(), StoreError> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let mut group = writer.next_row_group().map_err(error)?;
        let mut index = 0;
        while let Some(mut column) = group.next_column().map_err(error)? {
            let values = self.rows.iter().map(|row| &row[index]);
            let defined: Vec<i16> = values.clone().map(|c| i16::from(!is_null(c))).collect();
            match COLUMNS[index].1 {
                Kind::Text => {
                    let data: Vec<ByteArray> = values
                        .filter_map(|c| match c {
                            Cell::Text(Some(s)) => Some(ByteArray::from(s.as_str())),
                            _ => None,
                        })
                        .collect();
                    column
                        .typed::<ByteArrayType>()
                        .write_batch(&data, Some(&defined), None)
                        .map_err(error)?;
                }
                Kind::Int => {
                    let data: Vec<i64> = values
                        .filter_map(|c| if let Cell::Int(v) = c { *v } else { None })
                        .collect();
                    column
                        .typed::<Int64Type>()
                        .write_batch(&data, Some(&defined), None)
                        .map_err(error)?;
                }
                Kind::Float => {
                    let data: Vec<f64> = values
                        .filter_map(|c| if let Cell::Float(v) = c { *v } else { None })
                        .collect();
                    column
                        .typed::<DoubleType>()
                        .write_batch(&data, Some(&defined), None)
                        .map_err(error)?;
                }
                Kind::Bool => {
                    let data: Vec<bool> = values.map(|c| matches!(c, Cell::Bool(true))).collect();
                    column
                        .typed::<BoolType>()
                        .write_batch(&data, None, None)
                        .map_err(error)?;
                }
            }
            column.close().map_err(error)?;
            index += 1;
        }
        group.close().map_err(error)?;
        self.rows.clear();
        Ok(())
    }
}

fn is_null(cell: &Cell) -> bool {
    matches!(cell, Cell::Text(None) | Cell::Int(None) | Cell::Float(None))
}

pub(crate) fn write<W: Write + Send>(
    store: &Store,
    unit: ExportUnit,
    filter: &EventFilter,
    out: W,
) -> Result<u64, StoreError> {
    let schema = Arc::new(parse_message_type(&schema()).map_err(error)?);
    let properties = Arc::new(
        WriterProperties::builder()
            .set_created_by(concat!("dyad ", env!("CARGO_PKG_VERSION")).into())
            .build(),
    );
    let mut writer = SerializedFileWriter::new(out, schema, properties).map_err(error)?;
    let mut buffer = Buffer {
        rows: Vec::with_capacity(ROW_GROUP),
    };
    let count = store.for_each_row(unit, filter, |row: ExportRow| {
        buffer.rows.push(cells(&row));
        if buffer.rows.len() >= ROW_GROUP {
            buffer.flush(&mut writer)?;
        }
        Ok(())
    })?;
    buffer.flush(&mut writer)?;
    writer.close().map_err(error)?;
    Ok(count)
}
