//! Every export read back: PLOVER JSON as JSON, GDELT and ICEWS by column count and types,
//! CSV through a CSV reader, Parquet through the parquet crate's reader.

mod common;

use common::{coded, event, ingest, TempDir};
use dyad_store::{EventFilter, ExportFormat, ExportUnit, Store, GDELT_COLUMNS, ICEWS_COLUMNS};

fn store(dir: &TempDir) -> Store {
    let mut store = Store::open(&dir.db()).unwrap();
    let docs = vec![
        coded(
            "mehr",
            Some("Mehr News Agency"),
            Some("2022-05-09"),
            vec![
                event(
                    "mehr",
                    0,
                    "IRNGOV|Ali Khamenei|Q57336",
                    Some("SYRGOV|Bashar al-Assad|Q44329"),
                    "040",
                    Some("2022-05-08"),
                    Some("Tehran"),
                ),
                event(
                    "mehr",
                    5,
                    "SYRGOV|Bashar al-Assad|Q44329",
                    None,
                    "051",
                    Some("2022-05-08"),
                    None,
                ),
            ],
        ),
        coded(
            "sana",
            Some("SANA"),
            Some("2022-05-08"),
            vec![event(
                "sana",
                0,
                "SYRGOV|Bashar al-Assad|Q44329",
                Some("IRNGOV|Ali Khamenei|Q57336"),
                "043",
                Some("2022-05-08"),
                None,
            )],
        ),
        coded(
            "undated",
            None,
            None,
            vec![event("undated", 0, "SYRGOV", Some("TURMIL"), "1056", None, None)],
        ),
    ];
    ingest(&mut store, &docs);
    store
}

fn export(store: &Store, format: ExportFormat, unit: ExportUnit) -> String {
    let mut out = Vec::new();
    store.export(format, unit, &EventFilter::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn plover_json_has_plover_fields_and_cluster_counts() {
    let dir = TempDir::new("plover");
    let store = store(&dir);
    let text = export(&store, ExportFormat::Plover, ExportUnit::Happenings);
    let records: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 3);
    for r in &records {
        for field in [
            "id",
            "date",
            "actor",
            "recipient",
            "event",
            "event_type",
            "mode",
            "context",
            "quad_code",
            "event_scale",
            "text",
            "cite_info",
        ] {
            assert!(r.get(field).is_some(), "missing {field} in {r}");
        }
    }
    let meeting = records.iter().find(|r| r["event_type"] == "CONSULT").unwrap();
    assert_eq!(meeting["num_reports"], 2);
    assert_eq!(meeting["num_sources"], 2);
    assert_eq!(meeting["date"], "2022-05-08");
    // A reciprocal meeting: both participants are actors, no recipient (PLOVER's rule).
    assert_eq!(meeting["actor"].as_array().unwrap().len(), 2);
    assert!(meeting["recipient"].as_array().unwrap().is_empty());
    assert_eq!(meeting["actor"][0]["code"], "IRN");
    assert_eq!(meeting["actor"][0]["sector"], "GOV");
    let support = records.iter().find(|r| r["event_type"] == "SUPPORT").unwrap();
    assert!(support["recipient"].as_array().unwrap().is_empty());
    // Undated happenings come last.
    assert!(records[2]["date"].is_null());
    // Deterministic.
    assert_eq!(export(&store, ExportFormat::Plover, ExportUnit::Happenings), text);
    let events = export(&store, ExportFormat::Plover, ExportUnit::Events);
    assert_eq!(events.lines().count(), 4);
}

#[test]
fn gdelt_has_61_typed_columns_and_counts_from_clusters() {
    let dir = TempDir::new("gdelt");
    let store = store(&dir);
    let text = export(&store, ExportFormat::Gdelt, ExportUnit::Happenings);
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 3);
    let col = |name: &str| GDELT_COLUMNS.iter().position(|c| *c == name).unwrap();
    let ints = [
        "GLOBALEVENTID",
        "SQLDATE",
        "MonthYear",
        "Year",
        "IsRootEvent",
        "QuadClass",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "DATEADDED",
    ];
    let floats = ["FractionDate", "GoldsteinScale", "ActionGeo_Lat", "ActionGeo_Long"];
    for row in &rows {
        assert_eq!(row.len(), 61, "{row:?}");
        for name in ints {
            let v = row[col(name)];
            assert!(v.is_empty() || v.parse::<i64>().is_ok(), "{name} = {v:?}");
        }
        for name in floats {
            let v = row[col(name)];
            assert!(v.is_empty() || v.parse::<f64>().is_ok(), "{name} = {v:?}");
        }
        assert!(row[col("EventRootCode")].len() == 2 && row[col("EventCode")].starts_with(row[col("EventRootCode")]));
    }
    let meeting = rows.iter().find(|r| r[col("EventRootCode")] == "04").unwrap();
    assert_eq!(meeting[col("SQLDATE")], "20220508");
    assert_eq!(
        (
            meeting[col("NumMentions")],
            meeting[col("NumSources")],
            meeting[col("NumArticles")]
        ),
        ("2", "2", "2")
    );
    assert_eq!(meeting[col("ActionGeo_FullName")], "Tehran");
    assert_eq!(meeting[col("Actor1Type1Code")], "GOV");
    assert_eq!(meeting[col("DATEADDED")], "20220509000000");
    let support = rows.iter().find(|r| r[col("EventRootCode")] == "05").unwrap();
    assert_eq!(support[col("IsRootEvent")], "0");
    assert_eq!(support[col("Actor2Code")], "");
}

#[test]
fn icews_has_its_20_columns() {
    let dir = TempDir::new("icews");
    let store = store(&dir);
    let text = export(&store, ExportFormat::Icews, ExportUnit::Events);
    let mut lines = text.lines();
    assert_eq!(lines.next().unwrap().split('\t').collect::<Vec<_>>(), ICEWS_COLUMNS);
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 4);
    for row in &rows {
        assert_eq!(row.len(), 20);
        assert!(row[0].parse::<i64>().is_ok());
        assert!(row[7].parse::<f64>().is_ok());
        assert!(row[12].parse::<u32>().is_ok());
    }
    assert!(rows
        .iter()
        .any(|r| r[5] == "Consult" && r[2] == "Bashar al-Assad" && r[13] == "SANA"));
}

#[test]
fn csv_reads_back_with_a_header() {
    let dir = TempDir::new("csv");
    let store = store(&dir);
    let text = export(&store, ExportFormat::Csv, ExportUnit::Happenings);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let meeting = rows.iter().find(|r| &r[col("plover")] == "CONSULT").unwrap();
    assert_eq!(&meeting[col("num_reports")], "2");
    assert_eq!(&meeting[col("outlets")], "Mehr News Agency;SANA");
    assert!(meeting[col("text")].contains('\t'), "text kept whole");
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_reads_back_through_the_parquet_reader() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::RowAccessor;
    let dir = TempDir::new("parquet");
    let store = store(&dir);
    let path = dir.0.join("events.parquet");
    let rows = store
        .export(
            ExportFormat::Parquet,
            ExportUnit::Happenings,
            &EventFilter::default(),
            std::fs::File::create(&path).unwrap(),
        )
        .unwrap();
    assert_eq!(rows, 3);
    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    assert_eq!(reader.metadata().file_metadata().num_rows(), 3);
    let fields = reader
        .metadata()
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect::<Vec<_>>();
    let col = |name: &str| fields.iter().position(|f| f == name).unwrap();
    let mut seen = 0;
    for row in reader.get_row_iter(None).unwrap() {
        let row = row.unwrap();
        seen += 1;
        if row.get_string(col("plover")).unwrap() == "CONSULT" {
            assert_eq!(row.get_long(col("num_reports")).unwrap(), 2);
            assert_eq!(row.get_double(col("goldstein")).unwrap(), 1.0);
            assert!(!row.get_bool(col("negated")).unwrap());
            assert_eq!(row.get_string(col("date")).unwrap(), "2022-05-08");
        }
        if row.get_string(col("plover")).unwrap() == "DEMAND" {
            assert!(row.get_string(col("date")).is_err(), "undated is null");
        }
    }
    assert_eq!(seen, 3);
}
