#include "extract/header_extractor.h"

#include <algorithm>

#include "core/utf8.h"
#include "extract/deadline_parser.h"

namespace vanban::extract {

namespace {

constexpr size_t kHeaderZone = 40;  // lines from the top where the header lives


bool IsRule(std::string_view s) {  // "-----", "___", "***"
  s = utf8::Trim(s);
  if (s.empty()) return false;
  for (char c : s) {
    if (c != '-' && c != '_' && c != '*' && c != '=' && c != '.' && c != ' ') return false;
  }
  return true;
}

bool IsUpperText(std::string_view s) {
  return utf8::Upper(s) == s && utf8::Lower(s) != s;
}

// "Nguyễn Hoàng Việt", "BÙI NGỌC HẢI": 2 to 6 words of letters, each capitalized.
bool LooksLikeName(std::string_view s) {
  std::string t = utf8::CollapseSpace(s);
  auto words = utf8::Split(t, ' ');
  if (words.size() < 2 || words.size() > 6) return false;
  for (std::string_view w : words) {
    if (w.empty()) return false;
    std::string folded = utf8::Fold(w);
    for (char c : folded) {
      if (!(c >= 'a' && c <= 'z')) return false;
    }
    if (utf8::Lower(w) == w) return false;  // a lower-case word is not part of a name
  }
  return true;
}

std::string TrimPunct(std::string_view s) {
  s = utf8::Trim(s);
  while (!s.empty() && (s.back() == ';' || s.back() == ',' || s.back() == '.' || s.back() == ':')) {
    s.remove_suffix(1);
    s = utf8::Trim(s);
  }
  while (!s.empty() && (s.front() == '-' || s.front() == '+' || s.front() == '*')) {
    s.remove_prefix(1);
    s = utf8::Trim(s);
  }
  return std::string(s);
}

}  // namespace

Result<HeaderExtractor> HeaderExtractor::Load(const std::string& rules_dir) {
  Result<RulePack> pack = RulePack::LoadFile(rules_dir + "/header.rules");
  if (!pack.ok()) return pack.status();
  for (const char* name : {"motto", "number_symbol", "place_date", "agency_start", "authority", "signer_title",
                           "recipients_start", "addressees", "subject_vv", "recipient_item", "archive_item",
                           "not_a_name", "body_start", "appendix_start", "issuer_head"}) {
    Result<const Rule*> r = pack->Require(name);
    if (!r.ok()) return r.status();
  }
  Result<DocTypes> types = DocTypes::Load(rules_dir);
  if (!types.ok()) return types.status();
  Result<Casing> casing = Casing::Load(rules_dir);
  if (!casing.ok()) return casing.status();
  return HeaderExtractor(std::move(pack).value(), std::move(types).value(), std::move(casing).value());
}

bool HeaderExtractor::Matches(const char* rule, std::string_view text, RuleMatch* m) const {
  const Rule* r = pack_.Find(rule);
  RuleMatch local;
  return r && r->Find(text, m ? m : &local);
}

void HeaderExtractor::Extract(const std::vector<TextLine>& all, Extraction* out) const {
  Header& h = out->header;

  // The header zone, with the motto cut out of lines it shares with the agency
  // block (OCR of the two columns may put them on one line).
  std::vector<std::string> zone;
  for (size_t i = 0; i < all.size() && i < kHeaderZone + 20; ++i) {
    std::string text = all[i].text;
    RuleMatch m;
    while (Matches("motto", text, &m)) {
      text = text.substr(0, m.begin) + "\t" + text.substr(m.end);
    }
    zone.push_back(text);
  }

  // Số and place/date: the first of each.
  size_t number_line = zone.size();
  for (size_t i = 0; i < zone.size(); ++i) {
    for (std::string_view part : utf8::Split(zone[i], '\t')) {
      RuleMatch m;
      if (number_line == zone.size() && Matches("number_symbol", part, &m)) {
        number_line = i;
        h.number = m.Get("number");
        h.symbol = utf8::CollapseSpace(m.Get("symbol"));
        if (!m.Get("year").empty()) h.symbol = m.Get("year") + "/" + h.symbol;  // 12/2024/QĐ-UBND
        h.symbol.erase(std::remove(h.symbol.begin(), h.symbol.end(), ' '), h.symbol.end());
      }
      if (h.issued_date.empty() && Matches("place_date", part, &m)) {
        h.place = utf8::CollapseSpace(m.Get("place"));
        // "Số: 3822 /KH-BQL Hải Phòng, ngày …" on one OCR line: the symbol
        // before the place is not part of it.
        if (size_t sp = h.place.find(' '); sp != std::string::npos && h.place.find('-') < sp &&
                                           IsUpperText(h.place.substr(0, sp))) {
          h.place = h.place.substr(sp + 1);
        }
        // A blank day or month stays blank: "2025-09", "2025".
        const int year = std::stoi(m.Get("year"));
        const int month = m.Get("month").empty() ? 0 : std::stoi(m.Get("month"));
        if (month == 0) {
          h.issued_date = m.Get("year");
        } else if (m.Get("day").empty()) {
          h.issued_date = IsoDate(year, month, 1).substr(0, 7);
        } else {
          h.issued_date = IsoDate(year, month, std::stoi(m.Get("day")));
        }
      }
    }
  }

  // Type heading and title.
  size_t type_line = zone.size();
  for (size_t i = 0; i < zone.size(); ++i) {
    std::string name = types_.NameForHeading(zone[i]);
    if (!name.empty() && IsUpperText(zone[i])) {
      h.doc_type = name;
      type_line = i;
      break;
    }
  }
  // "BÁO CÁO SƠ KẾT CÔNG TÁC 6 THÁNG ĐẦU NĂM 2025": type and title on one line.
  std::string title_on_type_line;
  if (type_line == zone.size()) {
    for (size_t i = number_line < zone.size() ? number_line + 1 : 0; i < zone.size() && i < kHeaderZone; ++i) {
      std::string rest;
      std::string name = types_.NameForHeadingPrefix(zone[i], &rest);
      if (!name.empty() && IsUpperText(zone[i]) && zone[i].find('\t') == std::string::npos &&
          !Matches("motto", zone[i])) {
        h.doc_type = name;
        type_line = i;
        title_on_type_line = rest;
        break;
      }
    }
  }
  auto read_title = [&](size_t from, bool first_is_title) {
    std::string title;
    bool upper_title = false;
    for (size_t i = from; i < all.size() && i < from + 8; ++i) {
      std::string_view t = utf8::Trim(all[i].text);
      if (t.empty()) {
        if (title.empty()) continue;
        break;
      }
      if (IsRule(t)) {
        if (title.empty()) continue;
        break;
      }
      if (!title.empty() || !first_is_title) {
        // A line that starts in lower case continues the title ("thực hiện
        // cơ chế một cửa …" after "V/v … thủ tục hành chính,").
        const std::string_view head = utf8::FirstChar(t);
        const bool continues = utf8::Lower(head) == head && utf8::Upper(head) != head;
        if (!continues && (Matches("body_start", t) || Matches("addressees", t) || Matches("place_date", t))) break;
        // "CHỦ TỊCH ỦY BAN NHÂN DÂN …" ends it; "(DDCI)," wrapped alone does not.
        if (!title.empty() && IsUpperText(t) && !upper_title && utf8::Split(utf8::CollapseSpace(t), ' ').size() > 1) {
          break;
        }
      }
      if (title.empty()) upper_title = IsUpperText(t);
      if (!title.empty()) title += ' ';
      title += std::string(t);
    }
    return utf8::CollapseSpace(title);
  };
  RuleMatch vv;
  size_t vv_line = zone.size();
  for (size_t i = 0; i < zone.size(); ++i) {
    if (Matches("subject_vv", utf8::Split(zone[i], '\t')[0], &vv)) {
      vv_line = i;
      break;
    }
  }
  if (type_line < zone.size() && !title_on_type_line.empty()) {
    h.title = utf8::CollapseSpace(title_on_type_line + " " + read_title(type_line + 1, false));
  } else if (type_line < zone.size()) {
    h.title = read_title(type_line + 1, true);
  } else if (vv_line < zone.size()) {
    h.doc_type = "Công văn";
    std::string first = vv.Get("subject");
    std::string rest = read_title(vv_line + 1, false);
    h.title = utf8::CollapseSpace(first + " " + rest);
  }
  if (h.doc_type.empty() && !h.symbol.empty()) {
    std::string_view sym = h.symbol;
    if (sym.find('/') != std::string_view::npos) sym = sym.substr(sym.find('/') + 1);  // 2024/QĐ-UBND
    std::string abbr(utf8::Split(sym, '-')[0]);
    h.doc_type = types_.NameForAbbreviation(abbr);
    if (h.doc_type.empty()) h.doc_type = "Công văn";  // no type abbreviation: a công văn (ND30)
  }

  // Issuing body: the capitalized lines above Số (or above the type heading).
  size_t agency_end = std::min(number_line, type_line);
  if (agency_end == zone.size()) agency_end = std::min<size_t>(zone.size(), 6);
  std::vector<std::string> agencies;
  for (size_t i = 0; i < agency_end; ++i) {
    std::string_view part = utf8::Trim(utf8::Split(zone[i], '\t')[0]);
    if (part.empty() || IsRule(part) || !IsUpperText(part)) continue;
    if (Matches("place_date", part) || !types_.NameForHeading(part).empty()) continue;
    if (agencies.empty() || Matches("agency_start", part)) {
      agencies.emplace_back(part);
    } else {
      agencies.back() += " " + std::string(part);
    }
  }
  if (!agencies.empty()) {
    h.issuer = casing_.NormalCase(agencies.back());
    if (agencies.size() >= 2) h.parent_issuer = casing_.NormalCase(agencies[agencies.size() - 2]);
  }

  if (h.issuer.empty() && !h.place.empty()) {
    h.issuer = IssuerFromBody(all, std::max(type_line, number_line) == zone.size() ? 0 : std::max(type_line, number_line) + 1, h);
  }

  // The end zone: from the body's end to the appendix, if any.
  size_t end = all.size();
  size_t recipients_line = all.size();
  for (size_t i = all.size(); i-- > 0;) {
    if (Matches("recipients_start", all[i].text)) {
      recipients_line = i;
      break;
    }
  }
  for (size_t i = (recipients_line < all.size() ? recipients_line : kHeaderZone); i < all.size(); ++i) {
    if (Matches("appendix_start", all[i].text)) {
      end = i;
      break;
    }
  }
  size_t begin = recipients_line < all.size() ? (recipients_line > 12 ? recipients_line - 12 : 0)
                                              : (end > 40 ? end - 40 : 0);
  ExtractSigner(all, begin, end, &h);
  if (recipients_line < end) ExtractRecipients(all, recipients_line, end, &out->recipients);

  // Kính gửi: addressees, in the header zone.
  for (size_t i = 0; i < zone.size() && i < all.size(); ++i) {
    RuleMatch m;
    if (!Matches("addressees", all[i].text, &m)) continue;
    std::vector<std::string> items;
    std::string rest = TrimPunct(m.Get("rest"));
    if (!rest.empty()) items.push_back(rest);
    for (size_t j = i + 1; j < all.size() && j < i + 15; ++j) {
      std::string_view t = utf8::Trim(all[j].text);
      if (t.empty() || !(t[0] == '-' || t[0] == '+')) break;
      items.push_back(TrimPunct(t));
    }
    for (const auto& item : items) {
      if (!item.empty()) out->recipients.push_back(Recipient{item, "kính gửi"});
    }
    break;
  }
}

std::string HeaderExtractor::IssuerFromBody(const std::vector<TextLine>& all, size_t from, const Header& h) const {
  // The symbol's issuer part: KH-UBND → "ubnd".
  auto groups = utf8::Split(h.symbol, '-');
  std::string want = groups.size() >= 2 ? utf8::Fold(groups.back()) : "";
  const std::string place = utf8::Fold(h.place);
  const Rule* head = pack_.Find("issuer_head");
  std::string fallback;
  for (size_t i = from; i < all.size() && i < from + 60; ++i) {
    const std::string& text = all[i].text;
    std::vector<size_t> offsets;
    std::string folded = utf8::FoldWithOffsets(text, &offsets);
    for (size_t at = folded.find(place); at != std::string::npos; at = folded.find(place, at + 1)) {
      size_t begin = offsets[at];
      size_t end = offsets[at + place.size()];
      size_t left_start = begin > 80 ? begin - 80 : 0;
      while (left_start > 0 && (static_cast<unsigned char>(text[left_start]) & 0xC0) == 0x80) --left_start;
      std::string left = text.substr(left_start, begin - left_start);
      RuleMatch m;
      if (!head->Find(left, &m)) continue;
      std::string issuer = utf8::CollapseSpace(m.Get("head")) + " " + text.substr(begin, end - begin);
      bool consistent = want.empty() || (m.Has(want) && !m.Get(want).empty());
      if (consistent) return issuer;
      if (fallback.empty()) fallback = issuer;
    }
  }
  return fallback;
}

void HeaderExtractor::ExtractSigner(const std::vector<TextLine>& all, size_t begin, size_t end,
                                    Header* h) const {
  // The last run of authority lines (TM./KT./TL./TUQ./Q.), else the last title line.
  std::vector<std::string> authority;
  size_t after = end;
  for (size_t i = end; i-- > begin;) {
    RuleMatch m;
    if (Matches("authority", all[i].text, &m)) {
      std::string prefix = utf8::Upper(m.Get("prefix"));
      authority.insert(authority.begin(), prefix + ". " + casing_.NormalCase(m.Get("office")));
      if (after == end) after = i + 1;
      continue;
    }
    if (!authority.empty()) break;
  }
  size_t title_line = end;
  for (size_t i = (after < end ? after : begin); i < end; ++i) {
    RuleMatch m;
    if (Matches("signer_title", all[i].text, &m) && IsUpperText(all[i].text)) {
      title_line = i;
      std::string title = utf8::CollapseSpace(m.Get("title"));
      // A long title wrapped in its column: "GIÁM ĐỐC SỞ NÔNG NGHIỆP VÀ MÔI" + "TRƯỜNG".
      if (i + 1 < end) {
        std::string next = utf8::CollapseSpace(all[i + 1].text);
        if (!next.empty() && IsUpperText(next) && next.find(' ') == std::string::npos && !Matches("authority", next)) {
          title += " " + next;
          title_line = i + 1;
        }
      }
      h->signer_title = casing_.NormalCase(title);
      break;
    }
    if (after < end && i > after + 2) break;
  }
  // "Q. GIÁM ĐỐC" (acting) stands alone: the office is the title.
  if (h->signer_title.empty() && !authority.empty() && utf8::StartsWith(authority.back(), "Q. ")) {
    h->signer_title = authority.back().substr(3);
  }
  if (!authority.empty()) {
    std::string joined;
    for (const auto& a : authority) joined += (joined.empty() ? "" : ", ") + a;
    h->signer_authority = joined;
  }
  size_t name_from = title_line < end ? title_line + 1 : after;
  for (size_t i = name_from; i < end && i < name_from + 8; ++i) {
    std::string_view t = utf8::Trim(all[i].text);
    if (t.empty() || Matches("not_a_name", t)) continue;
    if (LooksLikeName(t)) {
      const std::string name = utf8::CollapseSpace(t);
      if (!IsUpperText(name)) {
        h->signer_name = name;
        break;
      }
      // A name in capitals: every word capitalized.
      std::string out;
      for (std::string_view w : utf8::Split(name, ' ')) {
        if (!out.empty()) out += ' ';
        out += Capitalize(utf8::Lower(w));
      }
      h->signer_name = out;
      break;
    }
  }
}

void HeaderExtractor::ExtractRecipients(const std::vector<TextLine>& all, size_t begin, size_t end,
                                        std::vector<Recipient>* out) const {
  for (size_t i = begin + 1; i < end; ++i) {
    std::string_view t = utf8::Trim(all[i].text);
    if (t.empty()) continue;
    if (!(t[0] == '-' || t[0] == '+' || utf8::StartsWith(t, "–") || utf8::StartsWith(t, "•"))) {
      if (Matches("authority", t) || Matches("signer_title", t) || LooksLikeName(t)) continue;
      break;
    }
    RuleMatch m;
    if (Matches("archive_item", t, &m)) {
      out->push_back(Recipient{TrimPunct(m.Get("rest")), "lưu"});
      continue;
    }
    if (Matches("recipient_item", t, &m)) {
      std::string r = TrimPunct(m.Get("recipient"));
      if (!r.empty()) out->push_back(Recipient{r, utf8::CollapseSpace(m.Get("purpose"))});
    }
  }
}

}  // namespace vanban::extract
