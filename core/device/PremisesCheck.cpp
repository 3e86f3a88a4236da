#include "device/PremisesCheck.h"

#include "Logging.h"

#include <QEventLoop>
#include <QHostAddress>
#include <QNetworkInterface>
#include <QNetworkProxy>
#include <QTcpSocket>
#include <QTimer>

namespace Acorn {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("Acorn::PremisesCheck", text);
}

QString askSomeone()
{
    return tr("If you are at the nursery, check that this device is on the nursery's Wi-Fi, or ask a manager.");
}

QString serverUnreachable(const DeviceSettings& s, const QString& why)
{
    return tr("Acorn can only be used at the nursery: it could not reach the nursery's server (%1, port %2): %3. %4")
        .arg(s.premisesHost)
        .arg(s.premisesPort)
        .arg(why, askSomeone());
}

QString socketReason(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::HostNotFoundError:
        return tr("no server by that name was found");
    case QAbstractSocket::ConnectionRefusedError:
        return tr("the server refused the connection");
    case QAbstractSocket::RemoteHostClosedError:
        return tr("the server closed the connection");
    case QAbstractSocket::SocketTimeoutError:
        return tr("the server did not answer in time");
    case QAbstractSocket::NetworkError:
        return tr("this device has no working network connection");
    default:
        return tr("the connection failed");
    }
}
} // namespace

PremisesCheck::PremisesCheck(DeviceSettings settings, QObject* parent)
    : QObject(parent)
    , m_settings(std::move(settings))
{
}

PremisesCheck::~PremisesCheck() = default;

bool PremisesCheck::isRunning() const
{
    return m_running;
}

void PremisesCheck::start()
{
    // A second start() while one is under way is answered by that one's finished().
    if (m_running)
        return;
    m_running = true;

    auto valid = m_settings.validated();
    if (!valid) {
        const QString message = tr("Acorn can only be used at the nursery, but this device's premises check is not set "
                                   "up properly. %1 Ask a manager to correct it.")
                                    .arg(valid.errorMessage());
        // Queued, like every outcome, so that callers may connect to finished() after start().
        QTimer::singleShot(0, this, [this, message] { finish(false, message); });
        return;
    }
    const DeviceSettings s = valid.take();

    switch (s.premises) {
    case DeviceSettings::Premises::Off:
        QTimer::singleShot(0, this, [this] { finish(true, {}); });
        return;
    case DeviceSettings::Premises::Network:
        QTimer::singleShot(0, this, [this, s] {
            const auto subnet = QHostAddress::parseSubnet(s.premisesNetwork);
            const auto addresses = QNetworkInterface::allAddresses();
            for (const auto& address : addresses) {
                if (address.isInSubnet(subnet)) {
                    qCInfo(lcDevice) << "premises check passed: an address is in" << s.premisesNetwork;
                    finish(true, {});
                    return;
                }
            }
            qCInfo(lcDevice) << "premises check refused: no address in" << s.premisesNetwork;
            finish(false,
                   tr("Acorn can only be used at the nursery: this device is not on the nursery's network "
                      "(%1). %2")
                       .arg(s.premisesNetwork, askSomeone()));
        });
        return;
    case DeviceSettings::Premises::Server:
        break;
    }

    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
    }
    m_timer->disconnect(this);
    connect(m_timer, &QTimer::timeout, this, [this, s] {
        qCInfo(lcDevice) << "premises check timed out:" << s.premisesHost << s.premisesPort;
        finish(false, serverUnreachable(s, tr("it did not answer in time")));
    });
    m_timer->start(qMax(1, m_timeoutMs));

    m_socket = new QTcpSocket(this);
    // Straight to the server: through a proxy, "connected" would only say that the proxy answered.
    m_socket->setProxy(QNetworkProxy::NoProxy);
    connect(m_socket, &QTcpSocket::connected, this, [this, s] {
        qCInfo(lcDevice) << "premises check passed: connected to" << s.premisesHost << s.premisesPort;
        finish(true, {});
    });
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this, s](QAbstractSocket::SocketError error) {
        qCInfo(lcDevice) << "premises check refused:" << s.premisesHost << s.premisesPort << error;
        finish(false, serverUnreachable(s, socketReason(error)));
    });
    // connectToHost() can fail at once (an address literal, a refused loopback port); start it from the event loop
    // so that even then finished() comes after start() has returned.
    QTimer::singleShot(0, m_socket,
                       [socket = m_socket, s] { socket->connectToHost(s.premisesHost, quint16(s.premisesPort)); });
}

void PremisesCheck::finish(bool ok, const QString& message)
{
    if (!m_running)
        return;
    m_running = false;
    if (m_timer)
        m_timer->stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        // Not deleted here: finish() may be running inside one of the socket's own signals.
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    emit finished(ok, message);
}

VoidResult PremisesCheck::checkNow(const DeviceSettings& settings, int timeoutMs)
{
    PremisesCheck check(settings);
    check.setTimeout(timeoutMs);
    QEventLoop loop;
    bool done = false;
    bool onPremises = false;
    QString why;
    connect(&check, &PremisesCheck::finished, &loop, [&](bool ok, const QString& message) {
        done = true;
        onPremises = ok;
        why = message;
        loop.quit();
    });
    check.start();
    if (!done)
        loop.exec();
    if (onPremises)
        return {};
    return Error(Error::Code::PermissionDenied, why);
}

} // namespace Acorn
