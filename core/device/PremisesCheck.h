#pragma once

#include "Result.h"
#include "device/DeviceSettings.h"

#include <QCoreApplication>
#include <QObject>

class QTcpSocket;
class QTimer;

namespace Acorn {

// "Devices stay on the premises": is the nursery's network here? Server mode opens a TCP connection to the central
// server's address; network mode looks for one of this device's addresses inside the configured network. It fails
// closed: a timeout, a name that does not resolve, a refused connection or any other error means "not on the
// premises", with a message in plain words saying what was tried. Premises::Off always passes.
class PremisesCheck final : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultTimeoutMs = 4000;

    explicit PremisesCheck(DeviceSettings settings, QObject* parent = nullptr);
    ~PremisesCheck() override;

    void setTimeout(int ms) { m_timeoutMs = ms; }
    // Asynchronous: ends in finished() exactly once per start().
    void start();
    bool isRunning() const;

    // Blocking, for acorn-cli and tests.
    [[nodiscard]] static VoidResult checkNow(const DeviceSettings& settings, int timeoutMs = DefaultTimeoutMs);

signals:
    // `message` is empty when on the premises; otherwise it says why sign-in is refused.
    void finished(bool onPremises, const QString& message);

private:
    void finish(bool ok, const QString& message);

    DeviceSettings m_settings;
    int m_timeoutMs = DefaultTimeoutMs;
    QTcpSocket* m_socket = nullptr;
    QTimer* m_timer = nullptr;
    bool m_running = false;
};

} // namespace Acorn
