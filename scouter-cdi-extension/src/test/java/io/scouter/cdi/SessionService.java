package io.scouter.cdi;

import jakarta.enterprise.context.ApplicationScoped;

/** Secrets inside a record argument and a record result. */
@ApplicationScoped
@Traced
public class SessionService {
  /** A login form. */
  public record LoginRequest(String user, String password) {}

  /** What a login returns. */
  public record Session(String user, String accessToken) {}

  public Session login(LoginRequest request) {
    return new Session(request.user(), "tok-" + request.password().length());
  }
}
