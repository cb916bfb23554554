using System.Collections.Concurrent;

namespace Cairn.Serving;

/// <summary>The deployments loaded in this process, by project and name.</summary>
public sealed class DeploymentHost : IDisposable
{
    private readonly ConcurrentDictionary<(long Project, string Name), ServedModel> _models = new();

    /// <summary>The loaded deployment, or null when this process has none by that name.</summary>
    public ServedModel? Find(long projectId, string name) => _models.TryGetValue((projectId, name), out var model) ? model : null;

    /// <summary>Every loaded deployment of every project.</summary>
    public IReadOnlyCollection<ServedModel> All => _models.Values.ToList();

    /// <summary>Puts a loaded deployment in place, disposing the one it replaces once its calls end.</summary>
    public void Put(ServedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var key = (model.ProjectId, model.Deployment.Name);
        ServedModel? replaced = null;
        _models.AddOrUpdate(key, model, (_, old) =>
        {
            replaced = old;
            return model;
        });
        replaced?.Dispose();
    }

    /// <summary>Unloads a deployment; its native session is released when the last running call ends.</summary>
    public void Remove(long projectId, string name)
    {
        if (_models.TryRemove((projectId, name), out var model))
        {
            model.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var model in _models.Values)
        {
            model.Dispose();
        }

        _models.Clear();
    }
}
