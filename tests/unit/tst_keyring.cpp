#include "crypto/Keyring.h"
#include "crypto/PasswordKdf.h"
#include "crypto/RecoveryKey.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sodium.h>

using namespace Acorn;

class TestKeyring : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        KdfParams::setDefaultsForTests(KdfParams::fastForTests());
        m_key = SecureBuffer::random(Keyring::DatabaseKeySize);
    }

    void testArgon2idKnownAnswer()
    {
        // libsodium's crypto_pwhash with Argon2id must agree with itself across versions: derive twice with the same
        // salt and parameters, and once with another salt and another password.
        const QByteArray salt(16, '\x07');
        auto a = PasswordKdf::derive("Correct Horse 1", salt, KdfParams::fastForTests());
        auto b = PasswordKdf::derive("Correct Horse 1", salt, KdfParams::fastForTests());
        auto c = PasswordKdf::derive("Correct Horse 2", salt, KdfParams::fastForTests());
        auto d = PasswordKdf::derive("Correct Horse 1", QByteArray(16, '\x08'), KdfParams::fastForTests());
        QVERIFY(a && b && c && d);
        QVERIFY(a.value().equals(b.value()));
        QVERIFY(!a.value().equals(c.value()));
        QVERIFY(!a.value().equals(d.value()));
        // Bad parameters are refused, not silently weakened.
        QVERIFY(!PasswordKdf::derive("x", salt, KdfParams {0, 0}));
        QVERIFY(!PasswordKdf::derive("x", QByteArray(3, 'a'), KdfParams::fastForTests()));
    }

    void testSealAndUnwrap()
    {
        Keyring keyring(QStringLiteral("db-1"));
        QVERIFY(keyring.setStaffPassword("s1", "anna", "Anna Pebble", "Pebble-Path-42", m_key));
        QVERIFY(keyring.setStaffPassword("s2", "ben", "Ben Rook", "Rook-Tower-77", m_key));
        auto a = keyring.unlock("anna", "Pebble-Path-42");
        QVERIFY2(a, qPrintable(a.errorMessage()));
        QVERIFY(a.value().equals(m_key));
        auto b = keyring.unlock("BEN", "Rook-Tower-77"); // user names are case-insensitive
        QVERIFY(b);
        QVERIFY(b.value().equals(m_key));
    }

    void testWrongPasswordAndUnknownUserLookTheSame()
    {
        Keyring keyring(QStringLiteral("db-1"));
        QVERIFY(keyring.setStaffPassword("s1", "anna", "Anna Pebble", "Pebble-Path-42", m_key));
        auto wrong = keyring.unlock("anna", "Pebble-Path-43");
        auto unknown = keyring.unlock("nobody", "Pebble-Path-42");
        QCOMPARE(wrong.code(), Error::Code::WrongPassword);
        QCOMPARE(unknown.code(), Error::Code::WrongPassword);
        QCOMPARE(wrong.errorMessage(), unknown.errorMessage());
    }

    void testPasswordChangeRewrapsOnlyThatEntry()
    {
        Keyring keyring(QStringLiteral("db-1"));
        QVERIFY(keyring.setStaffPassword("s1", "anna", "Anna Pebble", "Pebble-Path-42", m_key));
        QVERIFY(keyring.setStaffPassword("s2", "ben", "Ben Rook", "Rook-Tower-77", m_key));
        const auto benBefore = *keyring.findStaff("s2");
        QVERIFY(keyring.setStaffPassword("s1", "anna", "Anna Pebble", "New-Pebble-99", m_key));
        QCOMPARE(keyring.entries().size(), 2);
        QVERIFY(!keyring.unlock("anna", "Pebble-Path-42"));
        QVERIFY(keyring.unlock("anna", "New-Pebble-99"));
        QCOMPARE(keyring.findStaff("s2")->wrappedSecretKey, benBefore.wrappedSecretKey);
        QVERIFY(keyring.unlock("ben", "Rook-Tower-77"));
        // A user name cannot be taken twice.
        QCOMPARE(keyring.setStaffPassword("s3", "Anna", "Other Anna", "Whatever-Pass-1", m_key).code(),
                 Error::Code::AlreadyExists);
    }

    void testRemoveStaff()
    {
        Keyring keyring(QStringLiteral("db-1"));
        QVERIFY(keyring.setStaffPassword("s1", "anna", "Anna Pebble", "Pebble-Path-42", m_key));
        QVERIFY(keyring.removeStaff("s1"));
        QCOMPARE(keyring.unlock("anna", "Pebble-Path-42").code(), Error::Code::WrongPassword);
    }

    void testRecoveryKeyRoundTrip()
    {
        const auto seed = RecoveryKey::generateSeed();
        const auto text = RecoveryKey::format(seed);
        const QByteArray typed(reinterpret_cast<const char*>(text.data()), int(text.size()));
        QCOMPARE(typed.count('-'), 13);
        auto parsed = RecoveryKey::parse(typed);
        QVERIFY(parsed);
        QVERIFY(parsed.value().equals(seed));
        // Lower case, spaces instead of dashes, O for 0 and l for 1 are accepted.
        QByteArray sloppy = typed.toLower();
        sloppy.replace('-', ' ');
        sloppy.replace('0', 'o');
        sloppy.replace('1', 'l');
        auto sloppyParsed = RecoveryKey::parse(sloppy);
        QVERIFY2(sloppyParsed, qPrintable(sloppyParsed.errorMessage()));
        QVERIFY(sloppyParsed.value().equals(seed));
    }

    void testRecoveryKeyTypoIsCaught()
    {
        const auto seed = RecoveryKey::generateSeed();
        const auto text = RecoveryKey::format(seed);
        QByteArray typed(reinterpret_cast<const char*>(text.data()), int(text.size()));
        const char original = typed[5];
        typed[5] = original == 'A' ? 'B' : 'A';
        auto parsed = RecoveryKey::parse(typed);
        QVERIFY(!parsed);
        QVERIFY(parsed.errorMessage().contains("typing mistake"));
        QVERIFY(!RecoveryKey::parse(typed.left(20)));
        QVERIFY(!RecoveryKey::parse("not a key at all!"));
    }

    void testUnlockWithRecovery()
    {
        Keyring keyring(QStringLiteral("db-1"));
        const auto seed = RecoveryKey::generateSeed();
        QVERIFY(keyring.setRecovery(seed, m_key));
        auto key = keyring.unlockWithRecovery(seed);
        QVERIFY(key);
        QVERIFY(key.value().equals(m_key));
        QCOMPARE(keyring.unlockWithRecovery(RecoveryKey::generateSeed()).code(), Error::Code::WrongPassword);
    }

    void testSaveLoadRoundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("keyring.json");
        Keyring keyring(QStringLiteral("db-9"));
        QVERIFY(keyring.setStaffPassword("s1", "anna", "Anna Pebble", "Pebble-Path-42", m_key));
        const auto seed = RecoveryKey::generateSeed();
        QVERIFY(keyring.setRecovery(seed, m_key));
        QVERIFY(keyring.save(path));
        QCOMPARE(QFile(path).permissions() & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
        auto loaded = Keyring::load(path);
        QVERIFY(loaded);
        QCOMPARE(loaded.value().databaseId(), QStringLiteral("db-9"));
        QVERIFY(loaded.value().unlock("anna", "Pebble-Path-42").value().equals(m_key));
        QVERIFY(loaded.value().unlockWithRecovery(seed).value().equals(m_key));
        // The keyring file holds nothing in the clear that could open the database.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(!bytes.contains("Pebble-Path-42"));
        QVERIFY(!bytes.contains(QByteArray(reinterpret_cast<const char*>(m_key.data()), int(m_key.size())).toBase64()));
    }

    void testMissingAndDamagedKeyring()
    {
        QTemporaryDir dir;
        auto missing = Keyring::load(dir.filePath("keyring.json"));
        QCOMPARE(missing.code(), Error::Code::KeyringMissing);
        QVERIFY(missing.errorMessage().contains("missing"));

        QVERIFY(Keyring::fromJson("not json").code() == Error::Code::KeyringDamaged);
        QVERIFY(Keyring::fromJson(R"({"format":"something-else"})").code() == Error::Code::KeyringDamaged);

        Keyring keyring(QStringLiteral("db-1"));
        QVERIFY(keyring.setStaffPassword("s1", "anna", "Anna Pebble", "Pebble-Path-42", m_key));
        auto root = QJsonDocument::fromJson(keyring.toJson()).object();
        root["version"] = 99;
        QCOMPARE(Keyring::fromJson(QJsonDocument(root).toJson()).code(), Error::Code::NewerVersion);
    }

    void testTamperedSecretIsRefused()
    {
        Keyring keyring(QStringLiteral("db-1"));
        QVERIFY(keyring.setStaffPassword("s1", "anna", "Anna Pebble", "Pebble-Path-42", m_key));
        QByteArray json = keyring.toJson();
        auto root = QJsonDocument::fromJson(json).object();
        auto entries = root["entries"].toArray();
        auto entry = entries[0].toObject();
        auto secret = entry["secretKey"].toObject();
        QByteArray ct = QByteArray::fromBase64(secret["ciphertext"].toString().toLatin1());
        ct[3] = char(ct[3] ^ 0x01);
        secret["ciphertext"] = QString::fromLatin1(ct.toBase64());
        entry["secretKey"] = secret;
        entries[0] = entry;
        root["entries"] = entries;
        auto tampered = Keyring::fromJson(QJsonDocument(root).toJson());
        QVERIFY(tampered);
        QCOMPARE(tampered.value().unlock("anna", "Pebble-Path-42").code(), Error::Code::WrongPassword);
    }

private:
    SecureBuffer m_key;
};

QTEST_GUILESS_MAIN(TestKeyring)
#include "tst_keyring.moc"
