#include "portal/Mailer.h"

#include "ServerLogging.h"
#include "domain/Ids.h"

#include <QDateTime>
#include <QHostInfo>
#include <QLocale>
#include <QRegularExpression>
#include <QTcpSocket>

namespace Acorn::Server {

namespace {
// RFC 2047 for a header value with anything beyond ASCII.
QByteArray headerText(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    bool ascii = true;
    for (const char c : utf8)
        ascii = ascii && uchar(c) < 0x80 && c != '\r' && c != '\n';
    return ascii ? utf8 : "=?UTF-8?B?" + utf8.toBase64() + "?=";
}

bool plausibleAddress(const QString& address)
{
    static const QRegularExpression pattern(QStringLiteral("^[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+$"));
    return pattern.match(address).hasMatch() && address.size() <= 254;
}

// Reads one SMTP reply (possibly several lines "250-…" ending with "250 …"); its code, or 0 on silence.
int readReply(QTcpSocket& socket)
{
    QByteArray line;
    for (;;) {
        while (!socket.canReadLine())
            if (!socket.waitForReadyRead(Mailer::TimeoutMs))
                return 0;
        line = socket.readLine();
        if (line.size() < 4)
            return 0;
        if (line.at(3) == ' ')
            return line.left(3).toInt();
    }
}
} // namespace

Mailer::Mailer(Config config)
    : m_config(std::move(config))
{
}

QByteArray Mailer::compose(const QString& to, const QString& subject, const QString& body) const
{
    QByteArray message;
    message += "From: " + headerText(tr("Acorn learning journal")) + " <" + m_config.from.toUtf8() + ">\r\n";
    message += "To: <" + to.toUtf8() + ">\r\n";
    message += "Subject: " + headerText(subject) + "\r\n";
    message += "Date: "
        + QLocale::c().toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss")).toLatin1()
        + " +0000\r\n";
    message += "Message-ID: <" + Ids::newId().toLatin1() + "@acorn>\r\n";
    message
        += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    const QByteArray encoded = body.toUtf8().toBase64();
    for (qsizetype i = 0; i < encoded.size(); i += 76)
        message += encoded.mid(i, 76) + "\r\n";
    // Base64 lines never start with '.', so no dot-stuffing is needed; the end marker follows.
    return message;
}

VoidResult Mailer::send(const QString& to, const QString& subject, const QString& body) const
{
    if (!isEnabled())
        return Error(Error::Code::InvalidInput, tr("This server has no e-mail relay set up."));
    if (!plausibleAddress(to))
        return Error(Error::Code::InvalidInput, tr("The e-mail address on record does not look right."));
    QTcpSocket socket;
    socket.connectToHost(m_config.host, m_config.port);
    const auto failed = [&](const char* step) {
        qCWarning(lcServer, "mail: the relay failed at %s", step);
        socket.abort();
        return Error(Error::Code::Io,
                     tr("The nursery's e-mail relay did not take the message (%1).").arg(QString::fromLatin1(step)));
    };
    if (!socket.waitForConnected(TimeoutMs) || readReply(socket) != 220)
        return failed("connect");
    const auto step = [&](const QByteArray& command, int expected) {
        socket.write(command + "\r\n");
        return socket.waitForBytesWritten(TimeoutMs) && readReply(socket) == expected;
    };
    const QByteArray self = QHostInfo::localHostName().toLatin1();
    if (!step("EHLO " + (self.isEmpty() ? QByteArray("acorn-server") : self), 250))
        return failed("EHLO");
    if (!step("MAIL FROM:<" + m_config.from.toUtf8() + ">", 250))
        return failed("MAIL FROM");
    if (!step("RCPT TO:<" + to.toUtf8() + ">", 250))
        return failed("RCPT TO");
    if (!step("DATA", 354))
        return failed("DATA");
    if (!step(compose(to, subject, body) + ".", 250))
        return failed("message");
    step("QUIT", 221);
    qCInfo(lcServer, "mail: a message went to the relay");
    return {};
}

} // namespace Acorn::Server
