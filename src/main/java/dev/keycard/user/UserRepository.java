package dev.keycard.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class UserRepository {

    @PersistenceContext(unitName = "keycard")
    EntityManager em;

    public Optional<User> find(Username username) {
        return em.createQuery("SELECT u FROM User u WHERE u.username = :username", User.class)
                .setParameter("username", username.value())
                .getResultStream()
                .findFirst();
    }

    public Optional<User> findById(String id) {
        return Optional.ofNullable(em.find(User.class, id));
    }

    public List<User> all() {
        return em.createQuery("SELECT DISTINCT u FROM User u LEFT JOIN FETCH u.roles ORDER BY u.username", User.class)
                .getResultList();
    }

    public long count() {
        return em.createQuery("SELECT COUNT(u) FROM User u", Long.class).getSingleResult();
    }

    public long countEnabledAdmins() {
        return em.createQuery("SELECT COUNT(u) FROM User u JOIN u.roles r WHERE r = 'admin' AND u.enabled = TRUE",
                Long.class).getSingleResult();
    }

    public void remove(User user) {
        em.remove(user);
        em.flush();
    }

    public void add(User user) {
        em.persist(user);
        em.flush();
    }
}
