package com.signalops.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code signalops} server of the Liberty runtime the build installed under
 * {@code liberty/target/liberty/wlp}: deploys the EAR into dropins, starts it with the
 * SIGNALOPS_* environment, stops and kills it.
 */
public final class LibertyServer {

    public static final String NAME = "signalops";

    private final Path wlp;
    private final Map<String, String> environment;
    private String vaultKeys;
    private String emailHashKey;
    private String unsubscribeKey;

    /**
     * @param environment added to the server process's environment (which otherwise is this
     *                    process's): the SIGNALOPS_* values of docs/operations.md
     */
    public LibertyServer(Path wlp, Map<String, String> environment) {
        this.wlp = wlp;
        this.environment = Map.copyOf(environment);
    }

    /** The server of this build (system property {@code signalops.wlp.dir}, else {@code target/liberty/wlp}). */
    public static LibertyServer ofThisBuild(Map<String, String> environment) {
        return new LibertyServer(Path.of(System.getProperty("signalops.wlp.dir", "target/liberty/wlp")).toAbsolutePath(),
                environment);
    }

    public Path serverDir() {
        return wlp.resolve("usr/servers").resolve(NAME);
    }

    public Path messagesLog() {
        return serverDir().resolve("logs/messages.log");
    }

    public void deployEar(Path ear) {
        copy(ear, serverDir().resolve("dropins/signalops.ear"));
    }

    public void undeployEar() {
        delete(serverDir().resolve("dropins/signalops.ear"));
    }

    /**
     * Gives the server the RSA key pair of its API tokens (PEM files under resources/security,
     * where server.xml's defaults look) unless it has one: generated once, the private key
     * readable by its owner only. Production points SIGNALOPS_JWT_*_KEY_LOCATION at its own pair.
     */
    public void ensureTokenKeys() {
        Path security = serverDir().resolve("resources/security");
        Path privateKey = security.resolve("jwt-private.pem");
        Path publicKey = security.resolve("jwt-public.pem");
        if (Files.exists(privateKey) && Files.exists(publicKey)) {
            return;
        }
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            java.security.KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(security);
            Files.deleteIfExists(privateKey);
            Files.createFile(privateKey, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Gives the server a credentials vault key (SIGNALOPS_VAULT_KEYS), an email hash key
     * (SIGNALOPS_EMAIL_HASH_KEY) and an unsubscribe link key (SIGNALOPS_UNSUBSCRIBE_KEY) unless its environment or this process's names them: 32 random bytes
     * each, generated once into resources/security (owner-only) so that what a kept dev database
     * sealed or hashed still opens and matches. Production sets its own.
     */
    public void ensureVaultKeys() {
        vaultKeys = generatedSecret("SIGNALOPS_VAULT_KEYS", "vault-keys", "1:");
        emailHashKey = generatedSecret("SIGNALOPS_EMAIL_HASH_KEY", "email-hash-key", "");
        unsubscribeKey = generatedSecret("SIGNALOPS_UNSUBSCRIBE_KEY", "unsubscribe-key", "");
    }

    private String generatedSecret(String variable, String fileName, String prefix) {
        if (environment.containsKey(variable) || System.getenv(variable) != null) {
            return null;
        }
        Path file = serverDir().resolve("resources/security/" + fileName);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                Files.writeString(file, prefix + java.util.Base64.getEncoder().encodeToString(key));
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addEnvironment(ProcessBuilder builder) {
        builder.environment().putAll(environment);
        if (vaultKeys != null) {
            builder.environment().put("SIGNALOPS_VAULT_KEYS", vaultKeys);
        }
        if (emailHashKey != null) {
            builder.environment().put("SIGNALOPS_EMAIL_HASH_KEY", emailHashKey);
        }
        if (unsubscribeKey != null) {
            builder.environment().put("SIGNALOPS_UNSUBSCRIBE_KEY", unsubscribeKey);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Starts the server in the background and waits until it reports started. */
    public void start() {
        run(List.of("start", NAME), Duration.ofMinutes(3));
    }

    public void stop() {
        run(List.of("stop", NAME), Duration.ofMinutes(2));
    }

    /** Starts the server in the foreground with this process's console. */
    public Process runInForeground() {
        try {
            ProcessBuilder builder = new ProcessBuilder(command(List.of("run", NAME))).inheritIO();
            addEnvironment(builder);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the server process at once (SIGKILL): no shutdown, no cleanup, as a crash would. */
    public void kill() {
        long pid = pid();
        ProcessHandle.of(pid).ifPresent(process -> {
            process.destroyForcibly();
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Server process " + pid + " did not die", e);
            }
        });
    }

    public long pid() {
        try {
            return Long.parseLong(Files.readString(wlp.resolve("usr/servers/.pid").resolve(NAME + ".pid")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isRunning() {
        try {
            return ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false);
        } catch (UncheckedIOException | NumberFormatException e) {
            return false;
        }
    }

    public String messages() {
        try {
            return Files.exists(messagesLog()) ? Files.readString(messagesLog()) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(List<String> arguments, Duration timeout) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command(arguments)).redirectErrorStream(true);
            addEnvironment(builder);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("server " + arguments + " did not finish in " + timeout);
            }
            int exit = process.exitValue();
            // 1 from 'stop' means it was not running: fine
            if (exit != 0 && !(arguments.get(0).equals("stop") && exit == 1)) {
                throw new IllegalStateException("server " + arguments + " exited " + exit + ": " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> command(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(wlp.resolve("bin/server").toString());
        command.addAll(arguments);
        return command;
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
