// What extraction finds in a document: the rows the store writes.
//
// Field names follow the SQLite contract in docs/schema.md. An empty string
// means "not found" and is stored as NULL. Dates are ISO: YYYY-MM-DD, or
// YYYY-MM / YYYY when the document leaves the day or month blank.
#ifndef VANBAN_CORE_RECORDS_H_
#define VANBAN_CORE_RECORDS_H_

#include <optional>
#include <string>
#include <vector>

namespace vanban {

struct Header {
  std::string doc_type;          // full Vietnamese name with marks: "Kế hoạch"
  std::string number;            // "3822"; empty when the Số is left blank
  std::string symbol;            // "KH-BQL"; "2024/QĐ-UBND" when the number carries a year
  std::string issuer;            // "Ban Quản lý Khu kinh tế Hải Phòng"
  std::string parent_issuer;     // "UBND thành phố Hải Phòng"
  std::string place;             // "Hải Phòng"
  std::string issued_date;       // "2024-08-26", "2025-09", "2025"
  std::string title;             // the trích yếu, joined across lines
  std::string signer_name;
  std::string signer_title;      // "PHÓ TRƯỞNG BAN" as printed → "Phó Trưởng ban"
  std::string signer_authority;  // "KT. Trưởng ban", "TM. Ủy ban nhân dân"
};

struct Citation {
  std::string doc_type;     // "Nghị quyết"
  std::string number;       // "02"
  std::string symbol;       // "NQ-CP"; for "56/2021/QĐ-UBND": "2021/QĐ-UBND" (number "/" symbol = as written)
  std::string issued_date;  // ISO, when given
  std::string issuer;       // "Chính phủ", when given
  std::string raw;          // the words as written
};

struct Recipient {
  std::string recipient;    // "UBND thành phố"
  std::string purpose;      // "để b/c", "Kính gửi", "Lưu"
};

struct Indicator {
  std::string code;         // "I", "II", … or empty
  std::string name;         // "Quy trình thực hiện TTHC"
  std::optional<int> year;
  std::string kind;         // "actual" | "target"
  std::string metric;       // "score" | "rank" | "percent" | "count"
  std::string comparator;   // "=", ">=", "<=", ">", "<"
  double value = 0;
  std::optional<double> out_of;
  std::string raw;
  int page = 0;
  // A change from the previous value, not a level: "tăng 2 bậc" is rank,
  // value 2, relative; "tăng ít nhất 0,5 điểm" is score >= 0.5, relative.
  bool relative = false;
};

struct TaskUnit {
  std::string unit;         // canonical name
  std::string as_written;   // the alias found in the text
  std::string role;         // "lead" | "support"
};

struct Task {
  std::string key;          // stable across re-ingests of the same document
  std::string section;      // "I. CÔNG KHAI THÔNG TIN …"
  std::string ordinal;      // "1", "2.3"
  std::string title;
  std::string detail;
  std::string product;
  std::string deadline_text;
  std::string due_date;     // ISO
  std::string due_offset;   // ISO 8601 duration, "P3D", "-P2D"
  std::string due_anchor;   // "issue" | "set-deadline" | …
  std::string recurrence;   // RFC 5545 RRULE body: "FREQ=MONTHLY"
  std::string raw;
  int page = 0;
  double confidence = 1.0;
  std::vector<TaskUnit> units;
};

struct Warning {
  std::string code;         // "task-count-mismatch", "duplicate-task", …
  std::string message;      // human-readable, Vietnamese or English
};

struct Extraction {
  Header header;
  std::vector<Citation> citations;
  std::vector<Recipient> recipients;
  std::vector<Indicator> indicators;
  std::vector<Task> tasks;
  std::vector<Warning> warnings;
};

}  // namespace vanban

#endif  // VANBAN_CORE_RECORDS_H_
