// The .ttbak container: the shared vectors, every single-bit flip, every
// truncation, wrong password versus damage, randomness, and the round trip
// through encrypted export and import.
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "streakbox/backup_crypto.h"
#include "streakbox/backup_import.h"
#include "streakbox/ttbak.h"
#include "../support/sha256_hex.h"
#include "test_db.h"

namespace streakbox {
namespace {

using json = nlohmann::json;
const std::string kPw = "correct horse battery staple";
const EncryptOptions kFast{{1, ttbak::kMinMemlimitKiB}, ttbak::kMinChunkLog2};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Encrypt(const std::string& plain, const EncryptOptions& o = kFast, const std::string& pw = kPw) {
  StringSource in(plain);
  StringSink out;
  Status s = EncryptStream(in, out, pw, o);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out.str();
}

Result<std::string> Decrypt(const std::string& file, const std::string& pw = kPw) {
  StringSource in(file);
  StringSink out;
  Status s = DecryptStream(in, out, pw);
  if (!s.ok()) return s;
  return out.str();
}

// Decrypts with keys derived once (the payload scenarios would otherwise run
// Argon2id thousands of times); the header is still read and checked.
Status DecryptWithKeys(const std::string& file, const TtbakKeys& keys) {
  StringSource in(file);
  auto src = DecryptingSource::OpenWithKeys(in, std::make_unique<TtbakKeys>(keys));
  if (!src.ok()) return src.status();
  char buf[4096];
  for (;;) {
    auto n = src.value()->Read(buf, sizeof buf);
    if (!n.ok()) return n.status();
    if (n.value() == 0) return Status::Ok();
  }
}

std::unique_ptr<TtbakKeys> KeysOf(const std::string& file, const std::string& pw = kPw) {
  StringSource in(file);
  auto h = ReadTtbakHeader(in);
  EXPECT_TRUE(h.ok()) << h.status().ToString();
  auto k = UnlockTtbak(h.value(), pw);
  EXPECT_TRUE(k.ok()) << k.status().ToString();
  return std::move(k).value();
}

TEST(Ttbak, EveryVectorGivesItsExpectedOutcome) {
  const std::string dir = STREAKBOX_VECTORS;
  const json manifest = json::parse(ReadFile(dir + "/vectors.json"));
  ASSERT_GE(manifest.size(), 20u);
  for (const auto& v : manifest) {
    SCOPED_TRACE(v["file"].get<std::string>());
    auto r = Decrypt(ReadFile(dir + "/" + v["file"].get<std::string>()), v["password"]);
    if (v["expect"] == "success") {
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      EXPECT_EQ(Sha256Hex(r.value()), v["plaintext_sha256"]);
    } else {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(code_name(r.status().code()), v["expect"].get<std::string>()) << r.status().message();
    }
  }
}

TEST(Ttbak, RoundTripsAnySizeAcrossChunkBoundaries) {
  for (size_t n : {0, 1, 1023, 1024, 1025, 2048, 5000}) {
    std::string plain(n, '\0');
    for (size_t i = 0; i < n; ++i) plain[i] = static_cast<char>(i * 7 + 3);
    auto r = Decrypt(Encrypt(plain));
    ASSERT_TRUE(r.ok()) << n << ": " << r.status().ToString();
    EXPECT_EQ(r.value(), plain) << n;
  }
}

TEST(Ttbak, TwoEncryptionsOfTheSameDataDiffer) {
  const std::string a = Encrypt("same data"), b = Encrypt("same data");
  EXPECT_NE(a.substr(ttbak::kOffSalt, ttbak::kSaltSize), b.substr(ttbak::kOffSalt, ttbak::kSaltSize));
  EXPECT_NE(a.substr(ttbak::kOffStreamHeader, 24), b.substr(ttbak::kOffStreamHeader, 24));
  EXPECT_NE(a.substr(ttbak::kHeaderSize), b.substr(ttbak::kHeaderSize));
  EXPECT_EQ(Decrypt(a).value(), Decrypt(b).value());
}

// Header flips run the real path (they fail before any key derivation);
// payload flips reuse the keys. Header damage is never a wrong password.
TEST(Ttbak, EverySingleBitFlipIsRejectedAsDamage) {
  const std::string file = Encrypt(std::string(1500, 'z'));  // two chunks
  ASSERT_EQ(file.size(), ttbak::kHeaderSize + 1500 + 2 * ttbak::kChunkOverhead);
  const auto keys = KeysOf(file);
  for (size_t bit = 0; bit < file.size() * 8; ++bit) {
    std::string f = file;
    f[bit / 8] ^= static_cast<char>(1 << (bit % 8));
    Status s = bit / 8 < ttbak::kHeaderSize ? Decrypt(f).status() : DecryptWithKeys(f, *keys);
    ASSERT_EQ(s.code(), Code::kDamaged) << "bit " << bit << ": " << s.ToString();
  }
}

TEST(Ttbak, EveryTruncationIsDamageAndEveryChunkBoundaryIsCovered) {
  const std::string file = Encrypt(std::string(3000, 'q'));  // three chunks
  const auto keys = KeysOf(file);
  EXPECT_EQ(Decrypt("").status().code(), Code::kNotABackup);
  for (size_t len = 1; len < file.size(); ++len) {
    const std::string f = file.substr(0, len);
    Status s = len < ttbak::kHeaderSize ? Decrypt(f).status() : DecryptWithKeys(f, *keys);
    ASSERT_EQ(s.code(), Code::kDamaged) << "length " << len << ": " << s.ToString();
  }
  const size_t full = 1024 + ttbak::kChunkOverhead;
  for (size_t chunks = 0; chunks <= 2; ++chunks)
    EXPECT_EQ(Decrypt(file.substr(0, ttbak::kHeaderSize + chunks * full)).status().code(), Code::kDamaged);
}

TEST(Ttbak, AWrongPasswordIsNeverDamageAndComesBeforeThePayload) {
  const std::string file = Encrypt(std::string(3000, 'q'));
  EXPECT_EQ(Decrypt(file, "not it").status().code(), Code::kWrongPassword);
  EXPECT_EQ(Decrypt(file, kPw + " ").status().code(), Code::kWrongPassword);
  // The payload is not looked at before the password is checked.
  std::string damaged_payload = file.substr(0, file.size() - 5);
  EXPECT_EQ(Decrypt(damaged_payload, "not it").status().code(), Code::kWrongPassword);
  EXPECT_EQ(Decrypt(damaged_payload).status().code(), Code::kDamaged);
  // A damaged header is damage, whatever the password.
  std::string bad_header = file;
  bad_header[ttbak::kOffSalt] ^= 1;
  EXPECT_EQ(Decrypt(bad_header, "not it").status().code(), Code::kDamaged);
}

TEST(Ttbak, WriterRefusesEmptyPasswordsAndSettingsOutOfBounds) {
  StringSink out;
  EXPECT_EQ(EncryptingSink::Open(out, "", kFast).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(EncryptingSink::Open(out, kPw, {{0, ttbak::kMinMemlimitKiB}, 16}).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(EncryptingSink::Open(out, kPw, {{1, ttbak::kMaxMemlimitKiB + 1}, 16}).status().code(),
            Code::kInvalidArgument);
  EXPECT_EQ(EncryptingSink::Open(out, kPw, {{1, ttbak::kMinMemlimitKiB}, 9}).status().code(), Code::kInvalidArgument);
  EXPECT_TRUE(out.str().empty());
}

TEST(Ttbak, DefaultsAreWrittenIntoTheHeader) {
  const std::string file = Encrypt("{}", EncryptOptions{});
  StringSource in(file);
  auto h = ReadTtbakHeader(in);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(h.value().kdf.opslimit, ttbak::kDefaultOpslimit);
  EXPECT_EQ(h.value().kdf.memlimit_kib, ttbak::kDefaultMemlimitKiB);
  EXPECT_EQ(h.value().chunk_size(), 64u * 1024);
  EXPECT_EQ(Decrypt(file).value(), "{}");
}

TEST(Ttbak, SniffRecognisesTheMagicAndNearMisses) {
  EXPECT_EQ(SniffTtbak("SBXTTBAK", 8), TtbakSniff::kTtbak);
  EXPECT_EQ(SniffTtbak("SBXTTBAJ", 8), TtbakSniff::kDamaged);  // K^J: 1 bit
  EXPECT_EQ(SniffTtbak("SBXT", 4), TtbakSniff::kDamaged);      // a cut magic
  EXPECT_EQ(SniffTtbak("{\"versio", 8), TtbakSniff::kOther);
  EXPECT_EQ(SniffTtbak("", 0), TtbakSniff::kOther);
}

class EncryptedBackupTest : public DbTest {
 protected:
  void Seed(int tasks) {
    int64_t p = tracker().CreateProfile("Mom", "#123456").value();
    for (int i = 0; i < tasks; ++i) {
      int64_t t = tracker().CreateTask(p, TaskFields{"Task " + std::to_string(i), "", true, true, false}).value();
      ASSERT_TRUE(tracker().SetCheck(p, t, "2026-03-10", true).ok());
    }
  }
  std::string ExportEncrypted(const std::optional<std::string>& pw, std::string* filename = nullptr) {
    StringSink sink;
    auto r = ExportBackupFile(db(), clock_, {}, pw, sink, kFast);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (filename) *filename = r.value().filename;
    return sink.str();
  }
  Result<ImportReport> Import(const std::string& file, const std::optional<std::string>& pw, bool dry_run = false) {
    StringSource raw(file);
    SB_ASSIGN_OR_RETURN(BackupInput in, OpenBackupInput(raw, pw));
    ImportOptions o;
    o.dry_run = dry_run;
    return ImportBackup(db(), clock_, *in.source, o);
  }
};

TEST_F(EncryptedBackupTest, ExportImportRoundTripThroughTheSamePath) {
  Seed(3);
  std::string name;
  const std::string file = ExportEncrypted(kPw, &name);
  EXPECT_EQ(name, "streakbox-backup-2026-03-10.ttbak");
  EXPECT_EQ(file.substr(0, 8), "SBXTTBAK");
  auto plain = Decrypt(file);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(json::parse(plain.value())["counts"]["tasks"], 3);
  ASSERT_TRUE(tracker().DeleteProfile(1).ok());
  auto r = Import(file, kPw);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r.value().profiles.at(0).tasks.added, 3);
  EXPECT_EQ(Count("task_checks"), 3);
}

TEST_F(EncryptedBackupTest, ImportTellsMissingWrongPasswordAndDamageApartAndChangesNothing) {
  Seed(60);  // several 1 KiB chunks
  const std::string file = ExportEncrypted(kPw);
  ASSERT_GT(file.size(), 4000u);
  const int64_t before = Count("tasks") + Count("task_checks");
  EXPECT_EQ(Import(file, std::nullopt).status().code(), Code::kPasswordRequired);
  EXPECT_EQ(Import(file, "wrong").status().code(), Code::kWrongPassword);
  std::string tampered = file;
  tampered[file.size() - 20] ^= 0x40;  // the last chunk: damage found at the very end
  EXPECT_EQ(Import(tampered, kPw).status().code(), Code::kDamaged);
  EXPECT_EQ(Import(file.substr(0, file.size() - 30), kPw).status().code(), Code::kDamaged);
  EXPECT_EQ(Import(file + "x", kPw).status().code(), Code::kDamaged);
  std::string bad_header = file;
  bad_header[20] ^= 1;
  EXPECT_EQ(Import(bad_header, std::nullopt).status().code(), Code::kDamaged) << "damage is found before the password";
  EXPECT_EQ(Count("tasks") + Count("task_checks"), before);
  EXPECT_TRUE(Import(file, kPw, /*dry_run=*/true).ok());
}

TEST_F(EncryptedBackupTest, PlainJsonStillImportsAndOtherFilesAreNotBackups) {
  Seed(1);
  const std::string plain = ExportEncrypted(std::nullopt);
  EXPECT_EQ(plain[0], '{');
  EXPECT_TRUE(Import(plain, std::nullopt).ok());
  EXPECT_TRUE(Import("\xEF\xBB\xBF \n" + plain, "ignored for JSON").ok());
  EXPECT_EQ(Import("\x89PNG\r\n\x1a\n....", std::nullopt).status().code(), Code::kNotABackup);
  EXPECT_EQ(Import("", std::nullopt).status().code(), Code::kMalformed);
}

// docs/FORMAT.md, "Keys": the same password typed composed or decomposed opens
// a new file either way; a different password still does not.
TEST(Ttbak, APasswordTypedInNfcOrNfdOpensTheSameFile) {
  const std::string nfc = "Caf\xc3\xa9", nfd = "Cafe\xcc\x81";
  EXPECT_EQ(Decrypt(Encrypt("x", kFast, nfc), nfd).value(), "x");
  EXPECT_EQ(Decrypt(Encrypt("y", kFast, nfd), nfc).value(), "y");
  EXPECT_EQ(Decrypt(Encrypt("z", kFast, nfc), "Cafe").status().code(), Code::kWrongPassword);
}

}  // namespace
}  // namespace streakbox
