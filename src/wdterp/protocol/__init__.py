"""Wire protocol pieces shared by the gateway and the client: sign, clock, error catalog."""
