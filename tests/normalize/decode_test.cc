#include "normalize/decode.h"

#include <gtest/gtest.h>

namespace vanban::normalize {
namespace {

const char kText[] = "Ủy ban nhân dân thành phố Hải Phòng ban hành kế hoạch nâng cao năng lực";

TEST(DecodeTest, Utf8AndBom) {
  auto r = DecodeText(kText);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->encoding, "UTF-8");
  EXPECT_EQ(r->utf8, kText);
  auto b = DecodeText(std::string("\xEF\xBB\xBF") + kText);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->encoding, "UTF-8 (BOM)");
  EXPECT_EQ(b->utf8, kText);
}

TEST(DecodeTest, Utf16WithAndWithoutBom) {
  // "Hải" in UTF-16LE and BE.
  std::string le("\xFF\xFE" "H\0\xA3\x1Ei\0", 8);
  auto r = DecodeText(le);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->encoding, "UTF-16LE");
  EXPECT_EQ(r->utf8, "Hải");
  std::string be("\xFE\xFF\0H\x1E\xA3\0i", 8);
  r = DecodeText(be);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->encoding, "UTF-16BE");
  EXPECT_EQ(r->utf8, "Hải");
  std::string nobom("H\0a\0i\0 \0P\0h\0o\0n\0g\0 \0", 20);
  r = DecodeText(nobom);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->encoding, "UTF-16LE");
  EXPECT_EQ(r->utf8, "Hai Phong ");
}

TEST(DecodeTest, DecomposedUtf8IsComposed) {
  // "Hòa" with a combining grave: U+006F U+0300.
  auto r = DecodeText("Ho\xCC\x80" "a b\xC3\xACnh");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->encoding, "UTF-8-NFD");
  EXPECT_EQ(r->utf8, "Hòa bình");
}

struct LegacyCase {
  const char* name;
  std::string bytes;
  const char* encoding;
  const char* want;
};

TEST(DecodeTest, LegacyEncodingsByContent) {
  const LegacyCase cases[] = {
      // TCVN3: ả = B6, ò = DF, ệ = D6, ố = E8, đ = AE, Đ = A7.
      {"tcvn3", "H\xB6i Ph\xDFng, Vi\xD6t Nam, th\xB5nh ph\xE8 \xAE\xE3, \xA7\xE1i",
       "TCVN3", "Hải Phòng, Việt Nam, thành phố đó, Đỏi"},
      // VNI-Windows: base letter then a mark byte.
      {"vni", "Ha\xFBi Pho\xF8ng, Vie\xE4t Nam, tha\xF8nh pho\xE1 \xF1o\xF9, \xD1oa\xF8n",
       "VNI-Windows", "Hải Phòng, Việt Nam, thành phố đó, Đoàn"},
      {"vni-upper", "CO\xC4" "NG HO\xD8" "A XA\xD5 HO\xC4I CHU\xDB NGH\xD3" "A VIE\xC4T NAM",
       "VNI-Windows", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
      // Windows-1258: base letter + combining tone byte (D2 hook, CC grave, F2 dot).
      {"cp1258", "Ha\xD2i Pho\xCCng, Vi\xEA\xF2t Nam, tha\xCCnh ph\xF4\xEC \xF0o\xEC",
       "Windows-1258", "Hải Phòng, Việt Nam, thành phố đó"},
  };
  for (const auto& c : cases) {
    auto r = DecodeText(c.bytes);
    ASSERT_TRUE(r.ok()) << c.name << ": " << r.status().ToString();
    EXPECT_EQ(r->encoding, c.encoding) << c.name;
    EXPECT_EQ(r->utf8, c.want) << c.name;
  }
}

TEST(DecodeTest, DoubleEncodedUtf8IsRepaired) {
  // "Việt Nam, thành phố Hải Phòng" read as Windows-1252 and saved as UTF-8.
  auto r = DecodeText("Vi\xC3\xA1\xC2\xBB\xE2\x80\xA1t Nam, th\xC3\x83\xC2\xA0nh ph\xC3\xA1\xC2\xBB\xE2\x80\x98 "
                      "H\xC3\xA1\xC2\xBA\xC2\xA3i Ph\xC3\x83\xC2\xB2ng");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->encoding, "UTF-8 (double-encoded)");
  EXPECT_EQ(r->utf8, "Việt Nam, thành phố Hải Phòng");
  // French in UTF-8 stays as it is.
  r = DecodeText("Caf\xC3\xA9 cr\xC3\xA8me br\xC3\xBBl\xC3\xA9" "e");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->encoding, "UTF-8");
}

TEST(DecodeTest, Viqr) {
  auto r = DecodeText("Vie^.t Nam, tha\\`nh pho^' Ha?i Pho`ng, ddo^`ng chi' co' ta^m.");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->encoding, "VIQR");
  EXPECT_EQ(r->utf8, "Việt Nam, tha`nh phố Hải Phòng, đồng chí có tâm.");
  // Plain English ASCII stays ASCII.
  r = DecodeText("Hello world. Is it? Yes.");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->encoding, "UTF-8");
  EXPECT_EQ(r->utf8, "Hello world. Is it? Yes.");
}

TEST(DecodeTest, RejectsBinaryAndUnknown) {
  auto r = DecodeText(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(r.status().message().find("binary"), std::string::npos);
  // Latin-1 German: invalid UTF-8 that no Vietnamese encoding explains.
  r = DecodeText("Gr\xFC\xDF Gott, sch\xF6ne Stra\xDF" "e, M\xFCller \xC4rger \xFC\xFC\xFC");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(r.status().message().find("not text"), std::string::npos);
}

TEST(DecodeTest, EmptyIsUtf8) {
  auto r = DecodeText("");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->utf8, "");
}

}  // namespace
}  // namespace vanban::normalize
