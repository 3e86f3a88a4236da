#pragma once

#include <QByteArray>
#include <QString>

namespace Acorn::Server::EnrolmentCode {

// 12 Crockford base32 characters (60 random bits) in groups of four: "ABCD-EFGH-JKLM".
QString generate();
// Upper case without dashes or spaces, with Crockford's readings of I, L (1) and O (0); empty when it cannot be a code.
QString normalise(const QString& typed);
// What the store keeps: the SHA-256 (hex) of the normalised code, never the code itself.
QString hash(const QString& normalised);

} // namespace Acorn::Server::EnrolmentCode
