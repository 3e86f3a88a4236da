#pragma once

#include <QObject>

#include <initializer_list>

class QSocketNotifier;

namespace Acorn::Server {

// Turns SIGTERM/SIGINT into a Qt signal in the event loop (the self-pipe trick): the C handler only writes a byte,
// everything else happens between requests. One instance per process.
class SignalWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(std::initializer_list<int> signalNumbers, QObject* parent = nullptr);
    ~SignalWatcher() override;

signals:
    void signalled(int signalNumber);

private:
    static void handle(int signalNumber);
    void readPipe();

    QSocketNotifier* m_notifier = nullptr;
};

} // namespace Acorn::Server
