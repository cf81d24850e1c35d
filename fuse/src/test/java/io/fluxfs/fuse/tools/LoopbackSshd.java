package io.fluxfs.fuse.tools;

import io.fluxfs.fuse.Sh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.fluxfs.fuse.tools.EngineMount.ok;

/**
 * Debian's sshd on 127.0.0.1 and a free port, with throwaway host and user keys made by ssh-keygen in
 * {@code dir}, so scp can copy into a mount as a remote user would. The current user (root in CI) logs
 * in with the key. {@link #close()} stops sshd by its PID and waits for it.
 */
final class LoopbackSshd implements AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofSeconds(30);

    private final Path dir;
    private final int port;
    private final Process sshd;
    private final StringBuilder log = new StringBuilder();

    private LoopbackSshd(Path dir, int port, Process sshd) {
        this.dir = dir;
        this.port = port;
        this.sshd = sshd;
    }

    static LoopbackSshd start(Path dir) throws Exception {
        Path hostKey = dir.resolve("host_ed25519");
        Path userKey = dir.resolve("user_ed25519");
        ok(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "fluxfs-test-host", "-f", hostKey.toString());
        ok(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "fluxfs-test-user", "-f", userKey.toString());
        Path authorized = Files.copy(dir.resolve("user_ed25519.pub"), dir.resolve("authorized_keys"));
        // sshd refuses to start without its privilege separation directory; Debian makes it at boot.
        Files.createDirectories(Path.of("/run/sshd"));
        Path config = Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "UsePAM no",
                "Subsystem sftp /usr/lib/openssh/sftp-server",
                "LogLevel INFO", ""));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", config.toString(), "-p", String.valueOf(port),
                "-o", "ListenAddress=127.0.0.1", "-h", hostKey.toString(),
                "-o", "AuthorizedKeysFile=" + authorized, "-o", "StrictModes=no", "-o", "PidFile=none")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        LoopbackSshd d = new LoopbackSshd(dir, port, p);
        CompletableFuture<Boolean> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (d.log) {
                        d.log.append(line).append('\n');
                    }
                    if (line.contains("Server listening on 127.0.0.1 port " + port)) {
                        listening.complete(true);
                    }
                }
            } catch (IOException e) {
                // sshd ended
            }
            listening.complete(false);
        }, "sshd-log");
        reader.setDaemon(true);
        reader.start();
        boolean up;
        try {
            up = listening.get(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            up = false;
        }
        if (!up) {
            d.close();
            throw new AssertionError("sshd did not start listening on port " + port + ":\n" + d.log());
        }
        return d;
    }

    String log() {
        synchronized (log) {
            return log.toString();
        }
    }

    /** scp with the test key to 127.0.0.1 (remote path {@code target}); SFTP mode unless {@code legacy}. */
    Sh.Result scp(Path cwd, boolean legacy, String localSource, String remoteTarget, String... extra) {
        List<String> cmd = new ArrayList<>(List.of("scp", "-q", "-B", "-P", String.valueOf(port),
                "-i", dir.resolve("user_ed25519").toString(),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"));
        if (legacy) {
            cmd.add("-O");
        }
        cmd.addAll(List.of(extra));
        cmd.add(localSource);
        cmd.add(System.getProperty("user.name") + "@127.0.0.1:" + remoteTarget);
        return Sh.run(cwd, Duration.ofMinutes(5), cmd.toArray(String[]::new));
    }

    @Override
    public void close() throws InterruptedException {
        sshd.destroy(); // SIGTERM to this PID only
        if (!sshd.waitFor(10, TimeUnit.SECONDS)) {
            sshd.destroyForcibly();
            sshd.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
