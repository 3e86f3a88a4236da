#pragma once

// Test rig shared by the capture tests that need sound (tst_capturevoice, tst_playback): a private PulseAudio daemon
// with a null sink, so that recording and playback behave as on a device with a sound card, on machines without one.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

namespace Acorn::Test {

// A PulseAudio daemon of our own: private runtime folder and socket, no default configuration, a null sink and a
// microphone made from its monitor (Qt lists no monitor sources as inputs). Started before QApplication, because Qt
// reads PULSE_SERVER when its audio backend first connects.
class PulseServer final
{
public:
    enum class Tone { None, Play };

    explicit PulseServer(Tone tone = Tone::None)
    {
        if (!m_dir.isValid()) {
            m_error = QStringLiteral("no temporary folder");
            return;
        }
        const QString pulseaudio = QStandardPaths::findExecutable(QStringLiteral("pulseaudio"));
        if (pulseaudio.isEmpty()) {
            m_error = QStringLiteral("pulseaudio is not installed (scripts/bootstrap installs it)");
            return;
        }
        m_socket = m_dir.filePath(QStringLiteral("native"));
        const QString script = m_dir.filePath(QStringLiteral("acorn-test.pa"));
        QFile file(script);
        if (!file.open(QIODevice::WriteOnly)) {
            m_error = QStringLiteral("cannot write the PulseAudio script");
            return;
        }
        file.write(QStringLiteral("load-module module-native-protocol-unix socket=%1 auth-anonymous=1\n"
                                  "load-module module-null-sink sink_name=acorn_null rate=48000\n"
                                  "load-module module-remap-source master=acorn_null.monitor source_name=acorn_mic\n"
                                  "set-default-sink acorn_null\n"
                                  "set-default-source acorn_mic\n")
                       .arg(m_socket)
                       .toUtf8());
        file.close();
        QDir().mkpath(m_dir.filePath(QStringLiteral("runtime")));
        QDir().mkpath(m_dir.filePath(QStringLiteral("config")));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.filePath(QStringLiteral("runtime")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("PULSE_RUNTIME_PATH"), m_dir.filePath(QStringLiteral("runtime")));
        env.insert(QStringLiteral("PULSE_STATE_PATH"), m_dir.filePath(QStringLiteral("state")));
        env.remove(QStringLiteral("PULSE_SERVER"));
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(pulseaudio,
                        {QStringLiteral("-n"), QStringLiteral("-F"), script, QStringLiteral("--daemonize=no"),
                         QStringLiteral("--exit-idle-time=-1"), QStringLiteral("--use-pid-file=no"),
                         QStringLiteral("--system=no"), QStringLiteral("--log-target=stderr")});
        if (!m_process.waitForStarted(5000)) {
            m_error = QStringLiteral("pulseaudio did not start: ") + m_process.errorString();
            return;
        }
        QElapsedTimer clock;
        clock.start();
        while (!QFile::exists(m_socket) && clock.elapsed() < 10000 && m_process.state() == QProcess::Running)
            m_process.waitForReadyRead(100);
        if (!QFile::exists(m_socket)) {
            m_error = QStringLiteral("pulseaudio did not open its socket: ")
                + QString::fromLocal8Bit(m_process.readAll()).right(400);
            return;
        }
        qputenv("PULSE_SERVER", QFile::encodeName(QStringLiteral("unix:") + m_socket));
        if (tone == Tone::None)
            return;

        // A 440 Hz tone plays into the null sink for as long as the test runs, so the microphone (its monitor) hears
        // something. The player asks for a short latency: an idle null sink renders in 2-second blocks, and its
        // monitor would then hand the recorder its sound seconds late, cutting the end off every note.
        m_tone.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_tone.start(QStringLiteral("gst-launch-1.0"),
                     {QStringLiteral("-q"), QStringLiteral("audiotestsrc"), QStringLiteral("freq=440"),
                      QStringLiteral("volume=0.5"), QStringLiteral("!"),
                      QStringLiteral("audio/x-raw,rate=48000,channels=1"), QStringLiteral("!"),
                      QStringLiteral("pulsesink"), QStringLiteral("device=acorn_null"),
                      QStringLiteral("buffer-time=20000"), QStringLiteral("latency-time=5000")});
        if (!m_tone.waitForStarted(5000)) {
            m_error = QStringLiteral("the test tone could not be played (gst-launch-1.0 missing?)");
            return;
        }
        QThread::msleep(1000); // let the sink settle on the short latency
    }

    ~PulseServer()
    {
        if (m_tone.state() != QProcess::NotRunning) {
            m_tone.kill();
            m_tone.waitForFinished(2000);
        }
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(5000))
                m_process.kill();
            m_process.waitForFinished(2000);
        }
    }

    QString error() const { return m_error; }
    bool toneRunning() const { return m_tone.state() == QProcess::Running; }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QProcess m_tone;
    QString m_socket;
    QString m_error;
};

} // namespace Acorn::Test
