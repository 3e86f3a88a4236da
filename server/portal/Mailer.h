#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace Acorn::Server {

// E-mail to parents through the nursery's SMTP relay (acorn-server --smtp-relay HOST:PORT --mail-from ADDRESS
// --public-url https://…): invitations and password-reset links. A plain-text UTF-8 message, handed to the relay in
// one short SMTP conversation (EHLO, MAIL, RCPT, DATA, QUIT) on the local network; the relay does TLS and delivery.
// Without the three options nothing is ever sent and the portal says to ask the nursery instead.
class Mailer final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Server::Mailer)
public:
    struct Config
    {
        QString host;
        quint16 port = 25;
        QString from;
        QUrl publicUrl; // where parents reach the portal, for links in messages
        bool isSet() const { return !host.isEmpty() && !from.isEmpty() && publicUrl.isValid(); }
    };
    static constexpr int TimeoutMs = 10000;

    Mailer() = default;
    explicit Mailer(Config config);
    bool isEnabled() const { return m_config.isSet(); }
    QUrl link(const QString& path) const { return m_config.publicUrl.resolved(QUrl(path)); }

    // Synchronous; a refusal or silence from the relay comes back in plain words (never the message itself).
    [[nodiscard]] VoidResult send(const QString& to, const QString& subject, const QString& body) const;

    // The whole message as it goes after DATA (headers, base64 body, dot-stuffed, CRLF line ends), for tests.
    QByteArray compose(const QString& to, const QString& subject, const QString& body) const;

private:
    Config m_config;
};

} // namespace Acorn::Server
