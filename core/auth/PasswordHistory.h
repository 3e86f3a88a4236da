#pragma once

#include <QString>
#include <QStringList>

namespace Acorn {

class SecureBuffer;

// "None of the last N passwords reused" without keeping passwords: keyed BLAKE2b hashes, the key derived from the
// database key, so the hashes are worthless without the database (which is already encrypted with that key).
class PasswordHistory final
{
public:
    static QString fingerprint(const SecureBuffer& databaseKey, const QString& staffId, const QByteArray& password);
    static bool contains(const QStringList& history, const QString& fingerprint);
    // Puts `fingerprint` first and keeps at most `keep` entries (at least 1: the current password).
    static QStringList pushed(QStringList history, const QString& fingerprint, int keep);
};

} // namespace Acorn
